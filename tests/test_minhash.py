"""Our MinHash and LSH (builder/stories.py) against datasketch 2.0.0's, which they replace:
the same hash functions, the same signature of any body (so fingerprints cached before the
change stay right), the same Jaccard estimate and the same groups. datasketch is pinned in
the ``test`` extra for this file alone; the stored digest below pins the values without it.
"""

from __future__ import annotations

import hashlib
import random
import zlib

import datasketch
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import stories
from builder.stories import Member, fingerprint, group

from .test_stories import COPY_A, COPY_B, OTHER_STORY, WIRE, ZH, ZH_OTHER, wire_copy

VOCABULARY = [f"w{i}" for i in range(400)]


def theirs(markdown: str) -> bytes:
    """datasketch's signature of a body, made as stories.py made it before issue 16."""
    found = stories.shingles(markdown)
    if not found:
        return b""
    minhash = datasketch.MinHash(stories.NUM_PERM, stories.SEED, scheme="affine32",
                                 hashfunc=zlib.crc32)
    minhash.update_batch([s.encode("utf-8") for s in found])
    return bytes(minhash.hashvalues.astype("<u4").tobytes())


def near_copies(rng: random.Random, stories_count: int = 12) -> list[tuple[str, str]]:
    """(slug, body): stories with copies that differ in a growing share of their words,
    so that the copies' similarity to the original spans the threshold (about 1 to 0.3)."""
    bodies = []
    for n in range(stories_count):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(60, 400))]
        for k, share in enumerate((0, 0.02, 0.05, 0.08, 0.1, 0.12, 0.2)):
            copy = [rng.choice(VOCABULARY) if rng.random() < share else w for w in words]
            bodies.append((f"s{n:02d}-{k}", " ".join(copy)))
    return bodies


# -------------------------------------------------------------------------- one body

BODIES = [WIRE, COPY_A, COPY_B, OTHER_STORY, ZH, ZH_OTHER, wire_copy("【滨海日报讯】", ZH),
          # more shingles than one block of stories.BLOCK: the minimum runs over blocks
          " ".join(random.Random(7).choice(VOCABULARY) for _ in range(3 * stories.BLOCK))]


def test_the_hash_functions_are_datasketchs() -> None:
    a, b = stories._permutations()
    expected = datasketch.MinHash(stories.NUM_PERM, stories.SEED, scheme="affine32")
    assert np.array_equal(np.array([a, b]), expected.permutations)


def test_signatures_are_datasketchs() -> None:
    for body in BODIES:
        assert fingerprint(body) == theirs(body)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY[:30]) | st.text(min_size=1, max_size=8),
                min_size=0, max_size=400))
def test_signatures_of_any_body_are_datasketchs(words: list[str]) -> None:
    body = " ".join(words)
    assert fingerprint(body) == theirs(body)


def test_the_signatures_are_the_stored_ones() -> None:
    """Computed once with datasketch 2.0.0: holds without it, and on any numpy."""
    found = hashlib.sha256(b"".join(fingerprint(body) for body in BODIES)).hexdigest()
    assert found == "77d1a906e72904fe8836f6fa81c3e185dc62e6c4231cfa12e247e2fbd3e8738a"


# -------------------------------------------------------------------------- the groups

def test_the_estimate_is_datasketchs() -> None:
    bodies = dict(near_copies(random.Random(3), 2))
    sketches = {slug: datasketch.LeanMinHash(seed=stories.SEED, scheme="affine32",
                                             hashvalues=np.frombuffer(fingerprint(body), "<u4"))
                for slug, body in bodies.items()}
    for one in bodies:
        for other in bodies:
            assert stories.similarity(fingerprint(bodies[one]), fingerprint(bodies[other])) \
                == sketches[one].jaccard(sketches[other])


def datasketch_joins(members: list[Member], union: stories._Union, _: stories.Pairs) -> None:
    """stories._detected_joins as it was, on datasketch's LSH index and estimate."""
    auto = [m for m in members if not m.story and m.fingerprint]
    sketches = {m.slug: datasketch.LeanMinHash(
        seed=stories.SEED, hashvalues=np.frombuffer(m.fingerprint, "<u4"), scheme="affine32")
        for m in auto}
    lsh = datasketch.MinHashLSH(num_perm=stories.NUM_PERM, params=stories.LSH_BANDS)
    for member in auto:
        sketch = sketches[member.slug]
        for other in sorted(lsh.query(sketch)):
            if union.find(other) != union.find(member.slug) and \
                    sketch.jaccard(sketches[other]) >= stories.SIMILAR:
                union.join(member.slug, other)
        lsh.insert(member.slug, sketch)


def test_groups_are_datasketchs(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(5)
    members = [Member(slug, words=len(body.split()), fingerprint=fingerprint(body),
                      story="kept-apart" if rng.random() < 0.05 else "")
               for slug, body in near_copies(rng)]
    ours = group(members)
    monkeypatch.setattr(stories, "_detected_joins", datasketch_joins)
    assert ours == group(members)
    # A telling case: groups of many sizes, and pairs with a band in common that the
    # estimate turns down, so both steps (LSH, then the estimate) decide something.
    assert {len(s.slugs) for s in ours} >= {2, 3, 4, 5, 7}
    assert turned_down(members) > 10


def turned_down(members: list[Member]) -> int:
    """Pairs that share an LSH band but whose estimate is below the threshold."""
    count = 0
    for i, one in enumerate(members):
        for other in members[:i]:
            shared = any(x == y for x, y in zip(stories.bands(one.fingerprint),
                                                 stories.bands(other.fingerprint), strict=True))
            count += shared and stories.similarity(one.fingerprint, other.fingerprint) < 0.5
    return count


def test_kept_pairs_group_as_a_fresh_grouping() -> None:
    """serve keeps one ``Pairs`` across builds: after bodies change, articles go, come,
    or take a ``story`` value, grouping with the kept pairs equals grouping from scratch."""
    rng = random.Random(11)
    bodies = dict(near_copies(rng))
    members = {slug: Member(slug, words=len(body.split()), fingerprint=fingerprint(body))
               for slug, body in bodies.items()}
    kept = stories.Pairs()
    assert group(members.values(), kept) == group(members.values())
    before = group(members.values())
    slugs = sorted(members)
    for step in range(6):
        for slug in rng.sample(slugs, 8):  # a copy rewritten, a story's original replaced
            other = rng.choice(slugs)
            members[slug] = Member(slug, words=members[other].words,
                                   fingerprint=members[other].fingerprint if step % 2
                                   else fingerprint(bodies[slug] + " " + bodies[other]))
        gone = slugs.pop(rng.randrange(len(slugs)))
        del members[gone]
        members[f"new-{step}"] = Member(f"new-{step}", words=99,
                                        fingerprint=fingerprint(bodies[gone]))
        slugs.append(f"new-{step}")
        split = rng.choice(slugs)
        members[split] = Member(split, story=split, fingerprint=members[split].fingerprint)
        assert group(members.values(), kept) == group(members.values())
    assert group(members.values()) != before  # the edits did change the stories
