"""Train the cleaner's line and headline models and measure them held out.

builder/ingest/line-model.json says how likely each line is body; title-model.json which
candidate line is the headline (title.py). Both are logistic regressions fitted here.

    .venv/bin/python eval/train_lines.py            # cross-validate, then write the model
    .venv/bin/python eval/train_lines.py --check    # cross-validate only (make bench-clean)

Training data, one label per non-blank line of a pasted page ("body" or not), as the
cleaner sees it after its rules and line heuristics:

- ``eval/clip-dev``: 30 pasted pages with gold bodies (Scrapinghub's article-extraction
  benchmark, MIT licence, Copyright (c) 2020 Scrapinghub);
- ``seeds`` with ``eval/seed-gold``: the five shipped raw articles;
- ``../shared/eval/meta-dev`` when present: 150 pages in 7 languages as pasted text; their
  labels come from trafilatura's extraction of the same page's saved HTML plus the gold
  title (pages and gold from github.com/adbar/trafilatura, Apache-2.0, Copyright Adrien
  Barbaresi and contributors; the pages remain their publishers').

A line is body when its normalised text is a line of the reference, or (4+ words) occurs
inside it. A headline candidate is the headline when its words match the gold title's
(token F1 >= TITLE_MATCH); its features are computed on the body the fold's line model finds.
Held-out figures: pages are split into FOLDS groups by a hash of their name
(meta-dev has at most 2 pages a site, clip-dev one); each group is cleaned by a model
fitted on the other groups, then scored like score_clean.py (clip-dev F1 and title-first)
and score_meta.py (trafilatura's with/without snippets). Only numpy is needed beyond the
package (the ``test`` extra has it); the weights are written with their figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from builder.ingest import linemodel  # noqa: E402
from builder.ingest.clean import Models, _find_body, _model_body, clean, prepare  # noqa: E402
from builder.ingest.lines import extend_data_list, similarity  # noqa: E402
from builder.ingest.markdown import body_markdown  # noqa: E402
from builder.ingest.rules import load_rules  # noqa: E402
from builder.ingest.source import read_source  # noqa: E402
from builder.ingest.title import (  # noqa: E402
    TITLE_FEATURES,
    TITLE_MODEL_FILE,
    candidate_features,
    nav_runs,
)

FOLDS = 5
L2 = 1.0  # ridge penalty on standardised weights
TITLE_MATCH = 0.8  # token F1 with the gold title that makes a candidate "the headline"
META_DEV = ROOT.parent / "shared" / "eval" / "meta-dev"


@dataclass
class Sample:
    name: str
    group: str  # "clip-dev" | "seeds" | "meta-dev"
    path: Path
    reference: str  # the body (and title) the page should give
    title: str
    gold: dict  # meta-dev: with/without snippets


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def samples(meta_dev: Path | None) -> list[Sample]:
    out = []
    clip = ROOT / "eval" / "clip-dev"
    for gold in sorted(clip.glob("*.gold.txt")):
        stem = gold.name.split(".")[0]
        title = (clip / f"{stem}.title.txt").read_text(encoding="utf-8").strip() \
            if (clip / f"{stem}.title.txt").exists() else ""
        out.append(Sample(stem, "clip-dev", clip / f"{stem}.txt",
                          gold.read_text(encoding="utf-8"), title, {}))
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        stem = seed.name[:3]
        gold = ROOT / "eval" / "seed-gold" / f"{stem}.gold.txt"
        if gold.exists():
            title = (ROOT / "eval" / "seed-gold" / f"{stem}.title.txt").read_text(
                encoding="utf-8").strip()
            out.append(Sample(stem, "seeds", seed, gold.read_text(encoding="utf-8"), title, {}))
    if meta_dev and (meta_dev / "gold.json").exists():
        import trafilatura

        golds = json.loads((meta_dev / "gold.json").read_text(encoding="utf-8"))
        for key, gold in sorted(golds.items()):
            html = (meta_dev / "pages" / f"{key}.html").read_bytes()
            body = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
            out.append(Sample(key, "meta-dev", meta_dev / "pages" / f"{key}.txt",
                              f"{gold['title']}\n{body}", gold["title"], gold))
    return out


def fold_of(sample: Sample) -> int:
    return hashlib.sha256(f"{sample.group}/{sample.name}".encode()).digest()[0] % FOLDS


def labelled_lines(sample: Sample, rules) -> tuple[list[list[float]], list[int]]:
    raw = read_source(sample.path)
    prepared = prepare(raw.lines, rules)
    if prepared is None:
        return [], []
    page, _ = prepared
    ctx = linemodel.context(page, _find_body(page))
    ref_lines = {_norm(line) for line in sample.reference.split("\n")}
    ref_text = " " + " ".join(_norm(sample.reference).split()) + " "
    xs, ys = [], []
    for ln in page.lines:
        if not page.undecided(ln.idx):
            continue
        key = _norm(ln.text)
        body = key in ref_lines or (ln.words >= 4 and f" {key} " in ref_text)
        xs.append(linemodel.line_features(ctx, ln))
        ys.append(int(body))
    return xs, ys


def titled_candidates(sample: Sample, rules, line_model: linemodel.LineModel
                      ) -> tuple[list[list[float]], list[int]]:
    """The headline candidates of a page with a gold title, each labelled."""
    if not sample.title:
        return [], []
    raw = read_source(sample.path)
    prepared = prepare(raw.lines, rules)
    if prepared is None:
        return [], []
    page, _ = prepared
    span = _model_body(page, line_model)
    start, end = span if span else (len(page.lines), len(page.lines) - 1)
    if span:
        end = extend_data_list(page, end)
    found = candidate_features(page, start, end, nav_runs(page))
    return ([found[i] for i in sorted(found)],
            [int(similarity(page.lines[i].text, sample.title) >= TITLE_MATCH)
             for i in sorted(found)])


def fit(xs: np.ndarray, ys: np.ndarray, weights: np.ndarray) -> dict:
    """Ridge-penalised logistic regression by Newton's method (a few dozen features)."""
    mean = xs.mean(axis=0)
    scale = xs.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(xs), 1)), (xs - mean) / scale])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (weights * (p - ys)) + penalty * beta
        hess = (z * (weights * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"features": list(linemodel.FEATURES), "weights": [round(float(w), 6) for w in beta[1:]],
            "bias": round(float(beta[0]), 6), "mean": [round(float(m), 6) for m in mean],
            "scale": [round(float(s), 6) for s in scale]}


def fit_ranker(pages: list[tuple[np.ndarray, np.ndarray]]) -> dict:
    """Conditional logistic regression (a softmax over each page's candidates, by Newton's
    method): the headline model ranks the lines of one page against each other, so only
    differences between candidates are learnt and the bias is 0."""
    xs = np.vstack([x for x, _ in pages])
    mean = xs.mean(axis=0)
    scale = xs.std(axis=0)
    scale[scale == 0] = 1.0
    zs = [((x - mean) / scale, y / y.sum()) for x, y in pages]
    beta = np.zeros(xs.shape[1])
    for _ in range(50):
        grad = L2 * beta
        hess = np.diag(np.full(len(beta), L2))
        for z, target in zs:
            u = z @ beta
            p = np.exp(u - u.max())
            p /= p.sum()
            expected = p @ z
            grad -= target @ z - expected
            hess += (z * p[:, None]).T @ z - np.outer(expected, expected)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"features": list(TITLE_FEATURES), "weights": [round(float(w), 6) for w in beta],
            "bias": 0.0, "mean": [round(float(m), 6) for m in mean],
            "scale": [round(float(s), 6) for s in scale]}


def train(data: list[tuple[Sample, list, list]]) -> dict:
    xs, ys, ws = [], [], []
    for _, x, y in data:
        xs.extend(x)
        ys.extend(y)
        ws.extend([1 / max(1, len(y)) ** 0.5] * len(y))  # long pages do not drown short ones
    return fit(np.array(xs, dtype=float), np.array(ys, dtype=float), np.array(ws))


def train_models(data: list[tuple[Sample, list, list]], rules) -> tuple[Models, dict, dict]:
    """Both models fitted on ``data``: the line model first, then the headline model on the
    candidates of the bodies that line model finds."""
    line_data = train(data)
    line_model = linemodel.model_from(line_data)
    titles = [titled_candidates(sample, rules, line_model) for sample, _, _ in data]
    title_data = fit_ranker([(np.array(x, dtype=float), np.array(y, dtype=float))
                             for x, y in titles if sum(y) and len(y) > 1])
    title_model = linemodel.model_from(title_data, TITLE_MODEL_FILE, TITLE_FEATURES)
    return Models(line_model, title_model), line_data, title_data


def _plain(text: str) -> str:
    return " ".join(_norm(text).split())


def evaluate(sample: Sample, models: Models, rules) -> dict:
    from score_clean import score_text

    raw = read_source(sample.path)
    result = clean(raw.lines, rules, declared_title=raw.declared_title, models=models)
    out = (f"# {result.title}\n\n" if result.title else "") + body_markdown(result.blocks)
    if sample.group == "meta-dev":
        text = _plain(out)
        return {"title": int(_plain(result.title or "") == _plain(sample.title)),
                "with": sum(_plain(w) in text for w in sample.gold.get("with") or []),
                "with_n": len(sample.gold.get("with") or []),
                "without": sum(_plain(w) not in text for w in sample.gold.get("without") or []),
                "without_n": len(sample.gold.get("without") or [])}
    return score_text(out, sample.reference, sample.title or None)


def report(scores: dict[str, list[dict]]) -> dict:
    figures = {}
    for group in ("clip-dev", "seeds"):
        rows = scores.get(group) or []
        if rows:
            titled = [r["title_first"] for r in rows if r["title_first"] != ""]
            figures[group] = {"pages": len(rows),
                              "f1": round(sum(r["f1"] for r in rows) / len(rows), 3),
                              "title_first": round(sum(titled) / len(titled), 3)
                              if titled else None}
    rows = scores.get("meta-dev") or []
    if rows:
        figures["meta-dev"] = {
            "pages": len(rows),
            "with_kept": f"{sum(r['with'] for r in rows)}/{sum(r['with_n'] for r in rows)}",
            "without_dropped": f"{sum(r['without'] for r in rows)}/"
                               f"{sum(r['without_n'] for r in rows)}",
            "title": f"{sum(r['title'] for r in rows)}/{len(rows)}"}
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="cross-validate only; write nothing")
    ap.add_argument("--meta-dev", type=Path, default=META_DEV)
    args = ap.parse_args(argv)
    rules = load_rules()
    data = []
    for sample in samples(args.meta_dev):
        xs, ys = labelled_lines(sample, rules)
        data.append((sample, xs, ys))
    scores: dict[str, list[dict]] = {}
    for fold in range(FOLDS):
        models, _, _ = train_models([d for d in data if fold_of(d[0]) != fold], rules)
        for sample, _, _ in data:
            if fold_of(sample) == fold:
                scores.setdefault(sample.group, []).append(evaluate(sample, models, rules))
    held_out = report(scores)
    for group, figures in held_out.items():
        print(f"held out ({FOLDS} folds) {group}: " + "  ".join(f"{k} {v}" for k, v in
                                                               figures.items()))
    if args.check:
        return 0
    _, line_data, title_data = train_models(data, rules)
    pages = {g: sum(1 for d in data if d[0].group == g) for g in ("clip-dev", "seeds", "meta-dev")}
    line_data["trained_on"] = {"pages": pages, "lines": sum(len(d[2]) for d in data),
                               "held_out": held_out}
    title_data["trained_on"] = {"pages": pages, "held_out": held_out}
    for path, model in ((linemodel.MODEL_FILE, line_data), (TITLE_MODEL_FILE, title_data)):
        path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
