#!/usr/bin/env python3
"""Checks docs/api/openapi.json against itself and against the routes the C++ server registers.

Usage: python3 tests/api/openapi_check.py [--root REPO_ROOT] [--spec PATH]

Python 3 standard library only. Exits 0 when every check passes, 1 otherwise (each problem is
printed on its own line), 2 when the inputs cannot be read.

Checks:
  * the file is valid UTF-8 JSON without duplicate object keys;
  * it can be embedded: no `)kefu_openapi"` (it sits in a C++ raw string literal) and smaller
    than GCC's constexpr loop limit (the length of the constexpr std::string_view is computed
    by a constexpr loop of at most 262144 iterations);
  * openapi == "3.1.0"; info.title/version; every $ref is local and resolves;
  * every operation has operationId (unique), summary, tags (declared at the top level) and
    responses; path templates and path parameters agree; security names are declared;
  * every route registered in src/kefu/api/*.cc and src/kefu/app/kefu_app.cc
    (router.Add(Method::kXxx, "/path", ...)) appears in `paths` with that method, and every
    documented operation is a registered route;
  * routes registered without authentication (Public(...) handlers and the system routes in
    kefu_app.cc) have `security: []`, and only those.
"""
import argparse
import glob
import json
import os
import re
import sys

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# GCC's default -fconstexpr-loop-limit: std::string_view's constexpr constructor counts the
# literal's characters in a loop, so the embedded document must stay below this many bytes.
MAX_EMBEDDED_BYTES = 262_144
FORBIDDEN = ')kefu_openapi"'

problems = []


def problem(message):
    problems.append(message)


# ----------------------------------------------------------------------------- C++ routes
def strip_comments(source):
    """Blanks out // and /* */ comments, leaving string and char literals alone."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c in "\"'":
            j = i + 1
            while j < n and source[j] != c:
                j += 2 if source[j] == "\\" else 1
            out.append(source[i:j + 1])
            i = j + 1
        elif source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            end = n if j < 0 else j + 2
            out.append("\n" * source.count("\n", i, end))
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


ADD_RE = re.compile(r'\brouter_?\s*\.\s*Add\s*\(\s*(?:(?:kefu::)?net::)?Method::k(\w+)\s*,\s*"([^"]*)"')


def call_text(source, open_paren):
    """The text of a call from its '(' to the matching ')'."""
    depth = 0
    i = open_paren
    while i < len(source):
        c = source[i]
        if c in "\"'":
            j = i + 1
            while j < len(source) and source[j] != c:
                j += 2 if source[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return source[open_paren:i + 1]
        i += 1
    return source[open_paren:]


def registered_routes(root):
    """{(method, path): (file:line, public)} for every router.Add in the server sources."""
    files = sorted(glob.glob(os.path.join(root, "src/kefu/api/*.cc")))
    app = os.path.join(root, "src/kefu/app/kefu_app.cc")
    files.append(app)
    routes = {}
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                source = strip_comments(f.read())
        except OSError as e:
            print(f"cannot read {path}: {e}", file=sys.stderr)
            sys.exit(2)
        rel = os.path.relpath(path, root)
        for m in ADD_RE.finditer(source):
            method = m.group(1).lower()
            route = m.group(2)
            line = source.count("\n", 0, m.start()) + 1
            where = f"{rel}:{line}"
            if method not in HTTP_METHODS:
                problem(f"{where}: unknown method Method::k{m.group(1)}")
                continue
            text = call_text(source, source.index("(", m.start()))
            public = path == app or re.search(r"\bPublic\s*\(", text) is not None
            key = (method, route)
            if key in routes:
                problem(f"{where}: {method.upper()} {route} registered twice (also {routes[key][0]})")
            routes[key] = (where, public)
    return routes


# ----------------------------------------------------------------------------- JSON helpers
def no_duplicate_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def resolve_pointer(doc, ref):
    if not ref.startswith("#"):
        return False, "only local references (#/...) are allowed"
    node = doc
    pointer = ref[1:]
    if pointer == "":
        return True, None
    if not pointer.startswith("/"):
        return False, "malformed JSON pointer"
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, f"no {token!r}"
    return True, None


def walk_refs(node, where, doc):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            ok, why = resolve_pointer(doc, ref)
            if not ok:
                problem(f"{where}: $ref {ref} does not resolve ({why})")
        for key, value in node.items():
            walk_refs(value, f"{where}/{key}", doc)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk_refs(value, f"{where}/{i}", doc)


def deref(doc, node):
    """Follows $ref chains (components.parameters etc.)."""
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen:
            return None
        seen.add(ref)
        ok, _ = resolve_pointer(doc, ref)
        if not ok:
            return None
        node = doc
        for token in ref[2:].split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


# ----------------------------------------------------------------------------- checks
def check_document(doc, raw_text, raw_bytes):
    if FORBIDDEN in raw_text:
        problem(f"the document contains {FORBIDDEN!r}, which ends the C++ raw string literal it is "
                "embedded in")
    if len(raw_bytes) >= MAX_EMBEDDED_BYTES:
        problem(f"the document is {len(raw_bytes)} bytes; it must stay below {MAX_EMBEDDED_BYTES} "
                "(GCC's constexpr loop limit for the embedded std::string_view)")
    if not isinstance(doc, dict):
        problem("the document is not a JSON object")
        return {}
    if doc.get("openapi") != "3.1.0":
        problem(f"openapi is {doc.get('openapi')!r}, expected \"3.1.0\"")
    info = doc.get("info")
    if not isinstance(info, dict) or not info.get("title") or not info.get("version"):
        problem("info.title and info.version are required")
    walk_refs(doc, "#", doc)

    components = doc.get("components", {})
    schemes = components.get("securitySchemes", {}) if isinstance(components, dict) else {}

    def check_security(security, where):
        if not isinstance(security, list):
            problem(f"{where}: security must be an array")
            return
        for requirement in security:
            if not isinstance(requirement, dict):
                problem(f"{where}: security requirement must be an object")
                continue
            for name in requirement:
                if name not in schemes:
                    problem(f"{where}: security scheme {name!r} is not in components.securitySchemes")

    if "security" in doc:
        check_security(doc["security"], "security")
    declared_tags = {t.get("name") for t in doc.get("tags", []) if isinstance(t, dict)}

    paths = doc.get("paths")
    if not isinstance(paths, dict) or not paths:
        problem("paths is missing or empty")
        return {}
    operations = {}
    operation_ids = {}
    for route, item in paths.items():
        if not route.startswith("/"):
            problem(f"path {route!r} must start with '/'")
        if not isinstance(item, dict):
            problem(f"{route}: path item must be an object")
            continue
        template_params = set(re.findall(r"\{([^}/]+)\}", route))
        path_level = [deref(doc, p) for p in item.get("parameters", [])]
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            where = f"{method.upper()} {route}"
            operations[(method, route)] = operation
            if not isinstance(operation, dict):
                problem(f"{where}: operation must be an object")
                continue
            op_id = operation.get("operationId")
            if not isinstance(op_id, str) or not op_id:
                problem(f"{where}: operationId is missing")
            elif op_id in operation_ids:
                problem(f"{where}: operationId {op_id!r} is also used by {operation_ids[op_id]}")
            else:
                operation_ids[op_id] = where
            if not isinstance(operation.get("summary"), str) or not operation["summary"].strip():
                problem(f"{where}: summary is missing")
            tags = operation.get("tags")
            if not isinstance(tags, list) or not tags:
                problem(f"{where}: tags are missing")
            else:
                for tag in tags:
                    if tag not in declared_tags:
                        problem(f"{where}: tag {tag!r} is not declared in the top-level tags")
            responses = operation.get("responses")
            if not isinstance(responses, dict) or not responses:
                problem(f"{where}: responses are missing")
            else:
                for code in responses:
                    if not re.fullmatch(r"[1-5](\d\d|XX)|default", code):
                        problem(f"{where}: response key {code!r} is not a status code")
            if "security" in operation:
                check_security(operation["security"], where)
            # Path parameters: declared exactly for the template's names (operation overrides path).
            params = {}
            for p in path_level + [deref(doc, p) for p in operation.get("parameters", [])]:
                if isinstance(p, dict) and "name" in p and "in" in p:
                    params[(p["name"], p["in"])] = p
            declared = {name for (name, where_in), p in params.items() if where_in == "path"}
            for name in sorted(template_params - declared):
                problem(f"{where}: path parameter {{{name}}} is not declared")
            for name in sorted(declared - template_params):
                problem(f"{where}: parameter {name!r} is declared in: path but not in the template")
            for name in declared & template_params:
                if params[(name, "path")].get("required") is not True:
                    problem(f"{where}: path parameter {name!r} must have required: true")
    return operations


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..")),
                        help="repository root (default: two levels above this script)")
    parser.add_argument("--spec", help="OpenAPI file (default: ROOT/docs/api/openapi.json)")
    args = parser.parse_args()
    spec_path = args.spec or os.path.join(args.root, "docs", "api", "openapi.json")

    try:
        with open(spec_path, "rb") as f:
            raw_bytes = f.read()
    except OSError as e:
        print(f"cannot read {spec_path}: {e}", file=sys.stderr)
        return 2
    try:
        raw_text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{spec_path}: not valid UTF-8: {e}")
        return 1
    try:
        doc = json.loads(raw_text, object_pairs_hook=no_duplicate_keys)
    except ValueError as e:
        print(f"{spec_path}: not valid JSON: {e}")
        return 1

    operations = check_document(doc, raw_text, raw_bytes)
    routes = registered_routes(args.root)
    if not routes:
        problem(f"no router.Add(...) calls found under {args.root}/src/kefu")

    for (method, route), (where, public) in sorted(routes.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        operation = operations.get((method, route))
        if operation is None:
            problem(f"{where}: {method.upper()} {route} is registered but missing from paths")
            continue
        if not isinstance(operation, dict):
            continue
        documented_public = operation.get("security") == []
        if public and not documented_public:
            problem(f"{method.upper()} {route}: registered without authentication ({where}) but the "
                    "operation does not have security: []")
        if not public and documented_public:
            problem(f"{method.upper()} {route}: requires a bearer token ({where}) but the operation "
                    "has security: []")
    for method, route in sorted(operations, key=lambda k: (k[1], k[0])):
        if (method, route) not in routes:
            problem(f"{method.upper()} {route} is documented but no router.Add registers it")

    rel = os.path.relpath(spec_path)
    if problems:
        print(f"{rel}: {len(problems)} problem(s):")
        for p in problems:
            print(f"  - {p}")
        return 1
    schemas = doc.get("components", {}).get("schemas", {})
    print(f"{rel}: OK: {len(doc['paths'])} paths, {len(operations)} operations "
          f"(= {len(routes)} registered routes), {len(schemas)} schemas, {len(raw_bytes)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
