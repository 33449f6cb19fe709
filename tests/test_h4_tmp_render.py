import time
from datetime import date

from pairs.documents.order import render_order_pdf
from pairs.documents.order_docx import render_order_docx
from tests.test_order_documents import many_pairs, school_order  # noqa: F401
from tests.test_orders import new_order, register
from tests.pair_factories import make_pair
from tests.test_orders import student_mentee, teacher_mentor


def test_tmp_render(world, school_order):  # noqa: F811
    open("/tmp/order1.pdf", "wb").write(render_order_pdf(school_order))
    open("/tmp/order1.docx", "wb").write(render_order_docx(school_order))
    original = register(school_order, world)
    pair = original.items.get(pair__mentor=world.mentor).pair
    newcomer = make_pair(world.programme, teacher_mentor(world, "Волкова"), student_mentee(world, "Ершов"))
    later = new_order(world, [newcomer], number="40-од", date=date(2026, 11, 25), plan_deadline=date(2026, 12, 9),
                      end_pairs=[pair], amends=original, control_name="заместителя директора по УВР Кузнецову О. Н.")
    open("/tmp/order2.pdf", "wb").write(render_order_pdf(later))


def test_tmp_300(world):
    t = time.perf_counter()
    pairs = many_pairs(world, 300)
    print("build", time.perf_counter() - t)
    order = new_order(world, pairs)
    for _ in range(2):
        t = time.perf_counter()
        pdf = render_order_pdf(order)
        print("pdf", time.perf_counter() - t, len(pdf))
    t = time.perf_counter()
    render_order_docx(order)
    print("docx", time.perf_counter() - t)
    open("/tmp/order300.pdf", "wb").write(pdf)


def test_tmp_profile(world):
    import cProfile
    import pstats

    from django.template.loader import render_to_string
    from weasyprint import HTML

    from pairs.documents.order import order_context

    order = new_order(world, many_pairs(world, 300))
    t = time.perf_counter()
    ctx = order_context(order)
    print("context", time.perf_counter() - t)
    t = time.perf_counter()
    html = render_to_string("pairs/documents/order.html", ctx)
    print("template", time.perf_counter() - t)
    t = time.perf_counter()
    doc = HTML(string=html).render()
    print("layout", time.perf_counter() - t, len(doc.pages))
    t = time.perf_counter()
    doc.write_pdf()
    print("write", time.perf_counter() - t)
    prof = cProfile.Profile()
    prof.enable()
    HTML(string=html).render()
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
