"""Atomic outputs: a unique temporary name, renamed only on success, errors named."""

import threading

import pytest

from fashion_clustering.files import OutputWriteError, atomic_path, check_output_folders


def test_output_appears_once_the_block_succeeds(tmp_path):
    with atomic_path(tmp_path / "scores.json") as temporary:
        temporary.write_text("{}")
    assert (tmp_path / "scores.json").read_text() == "{}"


def test_temporary_sits_beside_the_output_and_keeps_its_ending(tmp_path):
    with atomic_path(tmp_path / "model.keras") as temporary:
        assert temporary.parent == tmp_path and temporary.name.endswith("-model.keras")


def test_error_in_the_block_leaves_neither_output_nor_temporary(tmp_path):
    with pytest.raises(RuntimeError):
        with atomic_path(tmp_path / "scores.json") as temporary:
            temporary.write_text("half")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_error_in_the_block_keeps_the_previous_output(tmp_path):
    (tmp_path / "scores.json").write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(tmp_path / "scores.json") as temporary:
            temporary.write_text("half")
            raise RuntimeError("killed")
    assert (tmp_path / "scores.json").read_text() == "old"


def test_concurrent_writers_of_one_path_never_share_a_temporary(tmp_path):
    temporaries, all_inside = [], threading.Barrier(8)

    def write():
        with atomic_path(tmp_path / "summary.csv") as temporary:
            temporaries.append(temporary)
            all_inside.wait(timeout=30)
            temporary.write_text("a,b\n")

    writers = [threading.Thread(target=write) for _ in range(8)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert len(set(temporaries)) == 8


def test_full_disk_is_reported_naming_the_output(tmp_path):
    with pytest.raises(OutputWriteError, match=r"cannot write .*scores.json: No space"):
        with atomic_path(tmp_path / "scores.json"):
            # /dev/full answers every write as a full disk does.
            with open("/dev/full", "wb") as device:
                device.write(b"{}")
    assert list(tmp_path.iterdir()) == []


def test_file_in_place_of_the_folder_is_named(tmp_path):
    (tmp_path / "results").write_text("not a folder")
    with pytest.raises(OutputWriteError, match=r"results is a file, not a folder"):
        with atomic_path(tmp_path / "results" / "data" / "train.parquet"):
            pass


def test_error_reading_an_input_inside_the_block_is_not_blamed_on_the_output(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_path(tmp_path / "train.parquet"):
            (tmp_path / "missing.gz").read_bytes()


def test_output_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "results").write_text("not a folder")
    with pytest.raises(OutputWriteError, match="results: it is a file, not a folder"):
        check_output_folders([tmp_path / "results"])


def test_output_folder_linking_to_a_missing_mount_is_refused(tmp_path):
    (tmp_path / "results").symlink_to(tmp_path / "unmounted" / "results")
    with pytest.raises(OutputWriteError, match="unmounted/results, which does not"):
        check_output_folders([tmp_path / "results"])


def test_output_folders_not_made_yet_pass(tmp_path):
    check_output_folders([tmp_path / "results", tmp_path / "logs"])
