"""Press every button of one sheet of a workbook in LibreOffice (headless), via python UNO.

Run by :mod:`tests.support.press` with the system Python that has ``import uno``
(``/usr/bin/python3``); it imports nothing from the toolkit.

    python3 uno_press_script.py WORKBOOK SHEET OUT.json

1. A throw-away user profile lowers macro security (``MacroSecurityLevel`` 0) and
   makes imported VBA executable (Calc ``Filter/Import/VBA/Executable``); the
   document is also loaded with ``MacroExecutionMode`` ALWAYS_EXECUTE_NO_WARN.
2. Excel's form buttons arrive as form controls on the sheet's draw page; each one's
   binding is read from the form's event attacher (``getScriptEvents``).
3. Each button is pressed through its view control's accessibility action
   ("press"), the same path a mouse click takes: the control fires
   ``actionPerformed`` and the form runs the bound macro.
4. The macro's side effect (the stub ``RunPython`` appends its argument to the file
   named by ``INTEGRITAS_PRESS_LOG``) is collected per button.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

ALWAYS_EXECUTE_NO_WARN = 4
PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Load" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Executable" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def read_log(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [line.rstrip("\r\n") for line in fh if line.strip()]


def connect(pipe, proc, timeout=60.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.1)


def main(doc_path, sheet_name, out_path):
    log_path = os.environ["INTEGRITAS_PRESS_LOG"]
    profile = tempfile.mkdtemp(prefix="integritas-lo-press-")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as fh:
        fh.write(PROFILE_XCU)
    pipe = f"integritas_press_{os.getpid()}"
    soffice = os.environ.get("INTEGRITAS_SOFFICE", "soffice")
    proc = subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
                             "--norestore", "--nolockcheck", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {"libraries": {}, "buttons": []}
    desktop = None
    try:
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(doc_path))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),
                                                               prop("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN)))
        if doc is None:
            raise RuntimeError(f"LibreOffice could not open {doc_path}")
        try:
            libs = doc.BasicLibraries
            for lib_name in libs.getElementNames():
                lib = libs.getByName(lib_name)
                result["libraries"][lib_name] = list(lib.getElementNames())
            sheet = doc.Sheets.getByName(sheet_name)
            controller = doc.getCurrentController()
            controller.setActiveSheet(sheet)
            forms = sheet.DrawPage.Forms
            for fi in range(forms.Count):
                form = forms.getByIndex(fi)
                for ci in range(form.Count):
                    model = form.getByIndex(ci)
                    events = [{"listener": e.ListenerType, "method": e.EventMethod, "type": e.ScriptType,
                               "script": e.ScriptCode} for e in form.getScriptEvents(ci)]
                    before = len(read_log(log_path))
                    pressed, error = False, None
                    try:
                        view = controller.getControl(model)
                        acc = view.getAccessibleContext()
                        for ai in range(acc.getAccessibleActionCount()):
                            if acc.getAccessibleActionDescription(ai) in ("press", "click"):
                                pressed = bool(acc.doAccessibleAction(ai))
                                break
                    except Exception as exc:  # reported, the test decides
                        error = f"{type(exc).__name__}: {exc}"
                    deadline = time.time() + 2
                    while len(read_log(log_path)) == before and time.time() < deadline and pressed:
                        time.sleep(0.05)
                    result["buttons"].append({"label": model.Label, "name": model.Name, "events": events,
                                              "pressed": pressed, "error": error,
                                              "recorded": read_log(log_path)[before:]})
        finally:
            doc.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
