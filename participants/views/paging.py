"""The querystring of a filtered list without its page number, for the pagination links."""


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
