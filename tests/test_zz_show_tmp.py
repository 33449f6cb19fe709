from tests.test_reminders import *
def test_show(world, mailoutbox):
    working_world(world)
    send_reminders(day=WEDNESDAY)
    for m in mailoutbox:
        print("=====", m.to, m.subject); print(m.body)
