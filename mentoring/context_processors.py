from mentoring.navigation import menu_for, nav_for


def access(request):
    access = getattr(request, "access", None)
    if access is None or not request.user.is_authenticated:
        return {}
    return {
        "access": access,
        "nav_items": lambda: nav_for(access.role),
        "nav_menu": lambda: menu_for(access.role),
    }
