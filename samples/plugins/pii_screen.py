#!/usr/bin/env python3
"""pii_screen: an Assay external plugin that screens text for e-mail addresses and phone numbers.

Python 3.8+ standard library only. Use it in assay.yml:

    pipeline:
      - use: external
        with:
          name: pii                      # reason codes become pii.email, pii.phone
          command: [python3, plugins/pii_screen.py]   # relative to the config file's folder
          modalities: [text]
          timeout: 5s
          workers: 2
          options:
            max_emails: 0                # more than this many e-mail addresses rejects the file
            max_phones: 0                # more than this many phone numbers rejects the file
            allow_domains: [example.com, example.org, example.net]   # never counted
            max_bytes: 10000000          # only the first max_bytes bytes are read

Protocol (docs/plugins.md, docs/plugin-protocol.schema.json): JSON Lines on stdin and stdout.
  Assay -> plugin  {"assay": 1, "plugin": "pii", "options": {...}}
  plugin -> Assay  {"ready": true}                  (or {"ready": false, "error": "why"})
  Assay -> plugin  {"id": 7, "path": "/abs/file.txt", "modality": "text", "mime": "text/plain",
                    "sha256": "...", "bytes": 1234, "contributor": "alice"}
  plugin -> Assay  {"id": 7, "verdict": "reject",
                    "reasons": [{"code": "email", "message": "...", "hint": "...", "value": 3, "limit": 0}],
                    "metrics": {"emails": 3, "phones": 0}}
One answer line per request, flushed at once; anything else goes to stderr, which Assay shows
prefixed with [pii]. The plugin ends when stdin closes. Codes and metrics come back as bare names
(`email`, `emails`); Assay prefixes them with the configured name.

What counts:
  e-mail  local@domain.tld (a dot in the domain, a 2-24 letter top-level domain), not in
          allow_domains or their subdomains.
  phone   8 to 15 digits written as a phone number: either starting with + or 00 and a country
          code, or with a parenthesised area code, or in three or more groups joined by one kind
          of separator (space, dash or dot), e.g. +44 20 7946 0958, (555) 123-4567,
          030 1234 5678, 800-292-9263. Not counted: runs of digits with no grouping, two-group
          numbers, dates (2024-01-31), year ranges, US ZIP+4 codes (02110-1301), IPv4 addresses,
          mixed separators (252.227-7013, 1.10.2.3) and numbers inside longer runs.
Reported text is masked (j***@gmail.com, +44 *** 58) so the ledger holds no personal data.

Run its self-check with: python3 pii_screen.py --self-test
"""

import json
import re
import sys

DEFAULTS = {"max_emails": 0, "max_phones": 0, "allow_domains": ["example.com", "example.org", "example.net"],
            "max_bytes": 10_000_000}

EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w-])")
# A candidate: optional +CC or 00CC, optional (area), then digit groups joined by one separator each.
PHONE = re.compile(r"(?<![\w+.-])(\+\d{1,3}[ .-]?|00\d{1,3}[ .-]?)?(\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,5}){0,5}(?![\w-]|\.\d)")
DATE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$")
ZIP4 = re.compile(r"^\d{5}-\d{4}$")


def fail_start(message):
    print(json.dumps({"ready": False, "error": message}), flush=True)
    sys.exit(2)


def settings(options):
    merged = dict(DEFAULTS)
    for key, value in (options or {}).items():
        if key not in DEFAULTS:
            fail_start(f"unknown option {key!r}; known: {', '.join(DEFAULTS)}")
        merged[key] = value
    for key in ("max_emails", "max_phones", "max_bytes"):
        if not isinstance(merged[key], (int, float)) or isinstance(merged[key], bool) or merged[key] < 0:
            fail_start(f"option {key!r} must be a number >= 0")
    if not isinstance(merged["allow_domains"], list) or not all(isinstance(d, str) for d in merged["allow_domains"]):
        fail_start("option 'allow_domains' must be a list of domain names")
    merged["allow_domains"] = [d.lower().lstrip(".") for d in merged["allow_domains"]]
    return merged


def allowed(domain, allow):
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in allow)


def find_emails(text, allow):
    found = []
    for match in EMAIL.finditer(text):
        if not allowed(match.group(2), allow):
            found.append(match.group(0))
    return found


def find_phones(text):
    found = []
    for match in PHONE.finditer(text):
        candidate = match.group(0).rstrip(" .-")
        digits = re.sub(r"\D", "", candidate)
        international = bool(match.group(1))
        grouped = bool(match.group(2)) or bool(re.search(r"\d[ .-]\d", candidate))
        if not 8 <= len(digits) <= 15:
            continue
        if not (international or grouped):
            continue  # a bare run of digits: an id, a count, a checksum
        if DATE.match(candidate) or ZIP4.match(candidate):
            continue
        groups = [g for g in re.split(r"[^0-9]+", candidate) if g]
        if len(groups[-1]) < 2:
            continue  # section numbers such as 227.7202-1
        if all(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups):
            continue  # year ranges: 1996-1999
        if not international and not match.group(2):
            separators = set(re.findall(r"[ .-]", candidate))
            if len(groups) < 3 or len(separators) > 1:
                continue  # 2009-1011, 47907 2002, 252.227-7013, 1.10.2.3 2005
            if separators == {"."} and len(groups) == 4 and all(len(g) <= 3 for g in groups):
                continue  # IPv4 addresses
        found.append(candidate)
    return found


def mask_email(address):
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(number):
    return f"{number[:3]} *** {number[-2:]}"


def judge(request, config):
    with open(request["path"], "rb") as handle:
        data = handle.read(int(config["max_bytes"]))
    text = data.decode("utf-8", errors="replace")
    emails = find_emails(text, config["allow_domains"])
    phones = find_phones(text)
    reasons = []
    if len(emails) > config["max_emails"]:
        reasons.append({"code": "email",
                        "message": f"{len(emails)} e-mail address(es) found (first: {mask_email(emails[0])}), "
                                   f"at most {config['max_emails']:g} allowed",
                        "hint": "Remove the addresses or replace them with name@example.com.",
                        "value": len(emails), "limit": config["max_emails"]})
    if len(phones) > config["max_phones"]:
        reasons.append({"code": "phone",
                        "message": f"{len(phones)} phone number(s) found (first: {mask_phone(phones[0])}), "
                                   f"at most {config['max_phones']:g} allowed",
                        "hint": "Remove the numbers or use fictional ones (555-01xx).",
                        "value": len(phones), "limit": config["max_phones"]})
    return {"id": request["id"], "verdict": "reject" if reasons else "pass", "reasons": reasons,
            "metrics": {"emails": len(emails), "phones": len(phones)}}


def serve():
    first = sys.stdin.readline()
    if not first:
        return
    hello = json.loads(first)
    if hello.get("assay") != 1:
        fail_start(f"this plugin speaks protocol 1, Assay sent {hello.get('assay')!r}")
    config = settings(hello.get("options"))
    print(f"pii_screen ready as {hello.get('plugin')!r}: max_emails={config['max_emails']} "
          f"max_phones={config['max_phones']}", file=sys.stderr, flush=True)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        answer = judge(request, config)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def self_test():
    allow = DEFAULTS["allow_domains"]
    assert find_emails("write to jane.doe@mail.co.uk or bob@example.com.", allow) == ["jane.doe@mail.co.uk"]
    assert find_emails("see git@github.com:owner/repo and x@y", allow) == ["git@github.com"]
    assert find_phones("call +44 20 7946 0958 or (555) 123-4567 today") == ["+44 20 7946 0958", "(555) 123-4567"]
    assert find_phones("Boston, MA 02110-1301 USA; released 2024-01-31; v1.2.3.4; id 123456789012") == []
    assert find_phones("Copyright 1996-1999, 2002-2019 someone; see 48 C.F.R. 227.7202-1") == []
    assert find_phones("DFARS 252.227-7013, 2009-1011, 47907 2002, 1.10.2.3 2005, host 192.168.100.200") == []
    assert find_phones("FSF: 800-292-9263 or 617.542.5942") == ["800-292-9263", "617.542.5942"]
    assert find_phones("Tel. 030 1234 5678, Fax 0049 30 1234 5679") == ["030 1234 5678", "0049 30 1234 5679"]
    print("pii_screen self-test passed")


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        self_test()
    else:
        serve()
