#!/usr/bin/env python3
"""Types a query into the handbook's search page in headless Chromium and prints the results.

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), so no port and
no extra package is needed. Usage: type-query.py CHROMIUM URL QUERY
Prints the result links' text, one per line, once the live results have replaced the page's.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

chromium, url, query = sys.argv[1:4]
commands_read, commands_write = os.pipe()
replies_read, replies_write = os.pipe()


def child_fds():
    # Chromium reads commands on fd 3 and writes replies on fd 4; the pipes may sit on those
    # very numbers, so both are first moved out of the way.
    read_end, write_end = os.dup(commands_read), os.dup(replies_write)
    os.dup2(read_end, 3)
    os.dup2(write_end, 4)


profile = tempfile.mkdtemp(prefix="sotay-cdp-")
browser = subprocess.Popen(
    [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
     "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
    pass_fds=(3, 4), preexec_fn=child_fds,
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(commands_read)
os.close(replies_write)
replies = os.fdopen(replies_read, "rb")
counter = 0
buffered = b""


def send(method, params=None, session=None):
    global counter
    counter += 1
    message = {"id": counter, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(commands_write, json.dumps(message).encode() + b"\0")
    return counter


def receive():
    global buffered
    while b"\0" not in buffered:
        chunk = os.read(replies_read, 65536)
        if not chunk:
            raise SystemExit("chromium closed the pipe")
        buffered += chunk
    raw, buffered = buffered.split(b"\0", 1)
    return json.loads(raw)


def call(method, params=None, session=None):
    wanted = send(method, params, session)
    while True:
        message = receive()
        if message.get("id") == wanted:
            if "error" in message:
                raise SystemExit(f"{method}: {message['error']}")
            return message.get("result", {})


def evaluate(expression, session):
    result = call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
    return result.get("result", {}).get("value")


try:
    target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    call("Page.enable", session=session)
    call("Page.navigate", {"url": url}, session)
    deadline = time.time() + 15
    while time.time() < deadline and evaluate("document.readyState", session) != "complete":
        time.sleep(0.05)
    evaluate("document.getElementById('q').value = ''; document.getElementById('q').focus()", session)
    # Typed as a person types: one key at a time, so the page's debounced handler sees each.
    for character in query:
        call("Input.insertText", {"text": character}, session)
        time.sleep(0.03)
    expected_summary = "“" + query + "”"
    while time.time() < deadline:
        summary = evaluate("document.getElementById('summary').textContent", session) or ""
        if expected_summary in summary:
            break
        time.sleep(0.1)
    links = evaluate("[...document.querySelectorAll('#results li > a')].map(a => a.textContent + ' ' + a.getAttribute('href'))", session)
    print(evaluate("location.pathname + location.search", session))
    for link in links or []:
        print(link)
finally:
    browser.kill()
    browser.wait()
