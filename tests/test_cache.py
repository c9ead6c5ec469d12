"""The parse cache's key: what parsing depends on, and only that."""
from kg.cache import PACKAGE_DIR, fingerprinted_files


def test_the_fingerprint_covers_extraction_code_and_data_only():
    names = {p.relative_to(PACKAGE_DIR).as_posix() for p in fingerprinted_files()}
    assert {"actors.py", "doctext.py", "quotes.py", "frames/frames.py", "frames/triggers.py", "deps.py", "data/triggers.tsv",
            "data/lexicon.toml", "records.py"} <= names
    # Resolution, RDF, the store and the command line run anew on every build.
    assert not names & {"cli.py", "query.py", "store.py", "rdf.py", "resolve.py", "render.py"}
