"""Finding what our feature apps offer (urls, demo, benchmarks) without the core naming them."""

from __future__ import annotations

import importlib
import importlib.util
import sysconfig
from collections.abc import Callable, Iterator
from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings


def is_our_app(config: AppConfig) -> bool:
    """An app of this project, not one installed from a package (the venv may sit in BASE_DIR)."""
    path = Path(config.path).resolve()
    installed = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and not any(
        path.is_relative_to(root) for root in installed
    )


def app_modules(submodule: str) -> Iterator[tuple[str, object]]:
    """(name, module) of ``<app>.<submodule>`` for each of our apps that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not is_our_app(config):
            continue
        module_name = f"{config.name}.{submodule}"
        try:
            spec = importlib.util.find_spec(module_name)
        except ModuleNotFoundError:  # the app is a plain module, not a package
            continue
        if spec is not None:
            yield module_name, importlib.import_module(module_name)


def app_functions(submodule: str, function: str, error: type[Exception]) -> Iterator[tuple[str, Callable]]:
    """(module name, function) of each ``<app>.<submodule>``; a module without it raises ``error``."""
    for module_name, module in app_modules(submodule):
        found = getattr(module, function, None)
        if not callable(found):
            raise error(f"В модуле {module_name} нет функции {function}().")
        yield module_name, found
