#!/usr/bin/env python3
"""A loopback stand-in for Entra ID, Microsoft Graph discovery and Intune's SCEP validation and
PKI connector services, for tests. It follows the public contract of Microsoft's Intune SCEP
validation libraries and can be told (POST /_fake/config) to misbehave in each documented way.

Usage: fake_intune.py DIR   -- writes DIR/cert.pem (also the trust anchor) and DIR/key.pem,
prints the port on stdout once it listens on 127.0.0.1, then serves until killed.

Control:
  POST /_fake/config  JSON merged into the behaviour (see DEFAULTS)
  POST /_fake/reset   back to DEFAULTS, empty log, no tokens or challenges
  GET  /_fake/log     every non-control request: {"path", "headers", "body"}
  POST /_fake/challenge  {"challenge": "..."}: a new one-time challenge for validateRequest
"""

import base64
import copy
import json
import os
import secrets
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INTUNE_APP_ID = "0000000a-0000-0000-c000-000000000000"
DEFAULTS = {
    "tenant": "fake-tenant",
    "client_id": "fake-client",
    "client_secret": "fake-secret",
    "intune_resource": "https://api.manage.microsoft.com",
    "expires_in": 3600,
    "discovery_status": 200,
    "missing_services": [],
    # validateRequest: "challenge" checks a one-time challenge in the CSR; any other value is
    # answered as Intune's code whatever the CSR says.
    "validation": "challenge",
    "notification_code": "Success",
    "status": {},        # action -> HTTP status to answer instead
    "delay": {},         # action -> seconds to wait before answering
    "unauthorized_once": [],  # actions that answer 401 to the next call, then work
    "revocation_requests": [],
}

lock = threading.Lock()
state = {}


def reset():
    with lock:
        state.clear()
        state.update(copy.deepcopy(DEFAULTS))
        state["log"] = []
        state["tokens"] = {}
        state["challenges"] = set()
        state["token_requests"] = 0


def challenge_of(csr_der):
    """The challengePassword attribute of a DER CSR, read with the openssl tool."""
    shown = subprocess.run(["openssl", "req", "-inform", "DER", "-noout", "-text"],
                           input=csr_der, capture_output=True, check=False)
    for line in shown.stdout.decode(errors="replace").splitlines():
        line = line.strip()
        if line.startswith("challengePassword"):
            return line.split(":", 1)[1].strip()
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, document):
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def bearer_scope(self):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return None
        with lock:
            return state["tokens"].get(auth[len("Bearer "):])

    def record(self, action, body):
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = body.decode(errors="replace")
        headers = {k: self.headers.get(k) for k in
                   ("client-request-id", "api-version", "UserAgent", "Content-Type")}
        headers["has_bearer"] = self.headers.get("Authorization", "").startswith("Bearer ")
        with lock:
            state["log"].append({"action": action, "path": self.path, "headers": headers,
                                 "body": parsed})

    def misbehave(self, action):
        """Applies configured delay, 401-once and status overrides; True when answered."""
        with lock:
            delay = state["delay"].get(action, 0)
            once = action in state["unauthorized_once"]
            if once:
                state["unauthorized_once"].remove(action)
            status = state["status"].get(action)
        if delay:
            time.sleep(delay)
        if once:
            self.reply(401, {"error": "token expired"})
            return True
        if status:
            self.reply(status, {"error": "configured failure"})
            return True
        return False

    def do_GET(self):
        base = f"https://127.0.0.1:{self.server.server_port}"
        if self.path == "/_fake/log":
            with lock:
                log = list(state["log"])
                count = state["token_requests"]
            return self.reply(200, {"log": log, "token_requests": count})
        discovery = f"/graph/v1.0/servicePrincipals/appId={INTUNE_APP_ID}/endpoints"
        if self.path == discovery:
            self.record("discovery", b"")
            if self.bearer_scope() != base + "/graph/.default":
                return self.reply(401, {"error": {"code": "InvalidAuthenticationToken"}})
            if self.misbehave("discovery"):
                return
            with lock:
                status = state["discovery_status"]
                missing = set(state["missing_services"])
            if status != 200:
                return self.reply(status, {"error": {"code": "Authorization_RequestDenied"}})
            services = [
                {"providerName": "SomeOtherService", "uri": base + "/other"},
                {"providerName": "ScepRequestValidationFEService", "uri": base + "/scep"},
                {"providerName": "PkiConnectorFEService", "uri": base + "/pki/"},
            ]
            return self.reply(200, {"value": [s for s in services
                                              if s["providerName"] not in missing]})
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        body = self.read_body()
        path = self.path
        if path == "/_fake/reset":
            reset()
            return self.reply(200, {})
        if path == "/_fake/config":
            with lock:
                state.update(json.loads(body))
            return self.reply(200, {})
        if path == "/_fake/challenge":
            challenge = secrets.token_hex(12)
            with lock:
                state["challenges"].add(challenge)
            return self.reply(200, {"challenge": challenge})
        with lock:
            tenant = state["tenant"]
        if path == f"/{tenant}/oauth2/v2.0/token":
            return self.token(body)
        if path.startswith("/scep/ScepActions/"):
            return self.scep_action(path[len("/scep/ScepActions/"):], body)
        if path.startswith("/pki/CertificateAuthorityRequests/"):
            return self.pki_action(path[len("/pki/CertificateAuthorityRequests/"):], body)
        self.reply(404, {"error": "not found"})

    def token(self, body):
        form = urllib.parse.parse_qs(body.decode())
        self.record("token", b"")
        with lock:
            state["token_requests"] += 1
        if self.misbehave("token"):
            return
        base = f"https://127.0.0.1:{self.server.server_port}"
        with lock:
            good = (form.get("grant_type") == ["client_credentials"]
                    and form.get("client_id") == [state["client_id"]]
                    and form.get("client_secret") == [state["client_secret"]])
            scopes = {base + "/graph/.default", state["intune_resource"] + "/.default"}
            expires_in = state["expires_in"]
        if not good:
            return self.reply(401, {"error": "invalid_client",
                                    "error_description": "AADSTS7000215: Invalid client secret "
                                    "provided.\r\nTrace ID: fake"})
        scope = (form.get("scope") or [""])[0]
        if scope not in scopes:
            return self.reply(400, {"error": "invalid_scope",
                                    "error_description": "AADSTS70011: bad scope " + scope})
        token = secrets.token_urlsafe(24)
        with lock:
            state["tokens"][token] = scope
        self.reply(200, {"token_type": "Bearer", "expires_in": expires_in,
                         "access_token": token})

    def intune_authorized(self):
        with lock:
            scope = state["intune_resource"] + "/.default"
        if self.bearer_scope() != scope:
            self.reply(401, {"error": "bad token"})
            return False
        return True

    def scep_action(self, action, body):
        self.record(action, body)
        if not self.intune_authorized() or self.misbehave(action):
            return
        document = json.loads(body)
        if action == "validateRequest":
            request = document["request"]
            with lock:
                mode = state["validation"]
            if mode != "challenge":
                return self.reply(200, {"code": mode, "errorDescription": "configured"})
            challenge = challenge_of(base64.b64decode(request["certificateRequest"]))
            with lock:
                known = challenge in state["challenges"]
                state["challenges"].discard(challenge)
            if not known:
                return self.reply(200, {"code": "ChallengeVerificationFailed",
                                        "errorDescription": "unknown or used challenge"})
            return self.reply(200, {"code": "Success", "errorDescription": ""})
        if action in ("successNotification", "failureNotification"):
            with lock:
                code = state["notification_code"]
            return self.reply(200, {"code": code, "errorDescription": ""})
        self.reply(404, {"error": "unknown action"})

    def pki_action(self, action, body):
        self.record(action, body)
        if not self.intune_authorized() or self.misbehave(action):
            return
        document = json.loads(body)
        if action == "downloadRevocationRequests":
            limit = document["downloadParameters"]["maxRequests"]
            with lock:
                batch = state["revocation_requests"][:limit]
                state["revocation_requests"] = state["revocation_requests"][limit:]
            return self.reply(200, {"value": batch})
        if action == "uploadRevocationResults":
            return self.reply(200, {"value": True})
        self.reply(404, {"error": "unknown action"})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that time out on purpose hang up mid-answer


def make_certificate(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                    "-subj", "/CN=fake-intune", "-keyout", key, "-out", cert,
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def main():
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    cert, key = make_certificate(directory)
    reset()
    server = Server(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
