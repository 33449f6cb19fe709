from tests.test_plan_documents import render_plan_pdf, plan  # noqa

def test_show(world, plan):  # noqa
    open("/tmp/plan.pdf", "wb").write(render_plan_pdf(plan))
