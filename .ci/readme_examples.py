"""Runs the README's curl and Python examples against a running gradfit and checks their answers.

    /usr/bin/python3 .ci/readme_examples.py README.md PORT

The examples are the fenced blocks that follow an `<!-- example: NAME -->` line. Each must be there:
  curl-fit      a bash block whose output is the fitted model (JSON);
  curl-predict  a bash block that starts with `ID=...` (the id from the fit) and predicts, lists,
                reads and deletes that model;
  python        a Python block that leaves the fitted model in `model` and the predictions in
                `predictions`.
Before running a block, `localhost:8080` becomes `localhost:PORT` and, in curl-predict, the line
`ID=...` becomes `ID=<the id curl-fit returned>`; nothing else changes. curl runs with
`--fail-with-body`, so any 4xx or 5xx answer fails the block. Exit status 0 when every example ran
and gave the documented answer (the line y = 2x + 4: intercept 4, slope 2), 1 otherwise.
"""

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

# Descent with learning rate 0.05 on these points leaves only rounding after 2000 epochs; the
# README prints the weights, so "near" is loose on purpose: far below any wrong answer.
TOLERANCE = 1e-6
EXPECTED = {"curl-fit", "curl-predict", "python"}


def fail(message):
    print(f"readme examples: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def examples(readme):
    found = {}
    for name, language, body in re.findall(r"<!-- example: ([\w-]+) -->\n```(\w+)\n(.*?)```\n", readme, re.S):
        if name in found:
            fail(f"two README examples are named {name}")
        found[name] = (language, body)
    missing = EXPECTED - found.keys()
    if missing:
        fail(f"README.md has no block after <!-- example: {', '.join(sorted(missing))} -->")
    return found


def localized(body, port):
    return body.replace("localhost:8080", f"localhost:{port}")


def run_bash(name, body):
    # curl as a function, so that the README's plain `curl -s` commands also fail on 4xx and 5xx.
    script = "set -euo pipefail\ncurl() { command curl --fail-with-body --max-time 60 \"$@\"; }\n" + body
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        fail(f"{name} exited {result.returncode}\n--- its script:\n{body}--- stdout:\n{result.stdout}"
             f"--- stderr:\n{result.stderr}")
    return result.stdout


def json_values(text):
    """The JSON values printed one after another (curl prints no newline between them)."""
    decoder, values, i = json.JSONDecoder(), [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        value, i = decoder.raw_decode(text, i)
        values.append(value)
    return values


def near(actual, expected, what):
    if not isinstance(actual, (int, float)) or abs(actual - expected) > TOLERANCE:
        fail(f"{what} is {actual}, not {expected} (within {TOLERANCE})")


def check_weights(model, where):
    weights = model.get("weights") or fail(f"{where}: no weights in {model}")
    near(weights.get("intercept"), 4.0, f"{where}: the intercept")
    coefficients = weights.get("coefficients") or []
    if len(coefficients) != 1:
        fail(f"{where}: expected one coefficient, got {coefficients}")
    near(coefficients[0], 2.0, f"{where}: the slope")


def check_predictions(predictions, where):
    if not isinstance(predictions, list) or len(predictions) != 3:
        fail(f"{where}: expected three predictions, got {predictions}")
    for actual, expected in zip(predictions, (16.0, 18.0, 24.0)):
        near(actual, expected, f"{where}: a prediction")


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main(readme_path, port):
    with open(readme_path, encoding="utf-8") as f:
        found = examples(f.read())

    language, body = found["curl-fit"]
    values = json_values(run_bash("curl-fit", localized(body, port)))
    if len(values) != 1:
        fail(f"curl-fit printed {len(values)} JSON values, expected the model")
    model = values[0]
    check_weights(model, "curl-fit")
    print(f"readme examples: curl-fit fitted model {model['id']} with weights {model['weights']}")

    language, body = found["curl-predict"]
    if not re.search(r"^ID=\.\.\.", body, re.M):
        fail("curl-predict does not start from the line ID=... (the id from the fit)")
    body = re.sub(r"^ID=\.\.\.", f"ID={model['id']}", localized(body, port), count=1, flags=re.M)
    values = json_values(run_bash("curl-predict", body))
    if len(values) != 3:
        fail(f"curl-predict printed {len(values)} JSON values, expected the predictions, the page and the model")
    prediction, page, read = values
    check_predictions(prediction.get("predictions"), "curl-predict")
    if model["id"] not in [summary.get("id") for summary in page.get("content", [])]:
        fail(f"curl-predict: the listing does not name model {model['id']}")
    check_weights(read, "curl-predict: the model read back")
    status = status_of(f"http://localhost:{port}/api/v1/models/{model['id']}")
    if status != 404:
        fail(f"curl-predict deleted model {model['id']}, yet reading it answers {status}, not 404")
    print(f"readme examples: curl-predict predicted {prediction['predictions']}, listed, read and deleted the model")

    language, body = found["python"]
    if language != "python":
        fail(f"the python example is a ```{language} block")
    namespace = {"__name__": "readme_example"}
    exec(compile(localized(body, port), "README.md (python example)", "exec"), namespace)
    check_weights(namespace.get("model") or {}, "python")
    check_predictions(namespace.get("predictions"), "python")
    print("readme examples: the python example fitted and predicted")

    print("readme examples: all ran and gave the documented answers (curl-fit, curl-predict, python)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail("usage: readme_examples.py README.md PORT")
    main(sys.argv[1], int(sys.argv[2]))
