from django.core.exceptions import ValidationError


class StaleEditError(ValidationError):
    """Someone else saved the object after this form was opened."""

    def __init__(self, changed: dict[str, tuple] | None = None):
        self.changed = changed or {}
        super().__init__(
            "Пока вы редактировали, эти данные изменил другой пользователь. "
            "Обновите страницу, проверьте изменения и внесите свои правки заново.",
            code="stale",
        )
