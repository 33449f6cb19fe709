def plural_ru(number: int, forms: tuple[str, str, str] | str) -> str:
    """Pick the Russian plural form: (1 ученик, 2 ученика, 5 учеников)."""
    if isinstance(forms, str):
        forms = tuple(f.strip() for f in forms.split(","))
    one, few, many = forms
    n = abs(int(number))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
