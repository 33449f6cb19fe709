"""The director's orders; see pairs/views/orders.py."""

from django.urls import path

from pairs.views import orders

urlpatterns = [
    path("orders/", orders.order_list, name="order_list"),
    path("orders/new/", orders.order_create, name="order_create"),
    path("orders/<int:order_id>/", orders.order_detail, name="order_detail"),
    path("orders/<int:order_id>/edit/", orders.order_edit, name="order_edit"),
    path("orders/<int:order_id>/delete/", orders.order_delete, name="order_delete"),
    path("orders/<int:order_id>/register/", orders.order_register, name="order_register"),
    path("orders/<int:order_id>/pdf/", orders.order_pdf, name="order_pdf"),
    path("orders/<int:order_id>/docx/", orders.order_docx, name="order_docx"),
]
