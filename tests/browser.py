"""Headless Chromium for the HTML report's tests and bench: the distribution's ``chromium`` and
``chromium-driver`` packages driven by Selenium, with nothing downloaded (no Selenium Manager)."""
from __future__ import annotations

import os
import shutil
import tempfile

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,1000")


def find_browser() -> tuple[str | None, str | None, str]:
    """(chromium, chromedriver, why-not): both paths, or the reason the browser tests cannot run."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return None, None, "selenium is not installed (pip install -e '.[test]')"
    chromium = next((p for p in (os.environ.get("NEWSLINT_CHROMIUM"), shutil.which("chromium"),
                                 shutil.which("chromium-browser"), "/usr/bin/chromium") if p and os.path.exists(p)), None)
    driver = next((p for p in (os.environ.get("NEWSLINT_CHROMEDRIVER"), shutil.which("chromedriver"),
                               "/usr/bin/chromedriver") if p and os.path.exists(p)), None)
    if not chromium or not driver:
        return None, None, ("Chromium or chromedriver not found: install the distribution's packages "
                            "(apt-get install chromium chromium-driver) to run the HTML report's browser tests")
    return chromium, driver, ""


def start_browser(chromium: str, driver_path: str):
    """A headless Chromium whose console log can be read and whose dialogs are recorded."""
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never try to download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newslint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.newslint_profile = profile
    # Record every dialog a page opens, before any of its scripts run.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__dialogs = [];
        ['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
          window[name] = function (msg) { window.__dialogs.push(name + ':' + msg); };
        });"""})
    return driver


def stop_browser(driver) -> None:
    try:
        driver.quit()
    finally:
        shutil.rmtree(getattr(driver, "newslint_profile", ""), ignore_errors=True)
