"""Vietnamese text helpers: folding, NFC, sort order."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ocop.core.text import fold, normalize, slug, sort_key


def test_fold_removes_accents_and_folds_d():
    assert fold("Sâm dây Ngọc Linh") == "sam day ngoc linh"
    assert fold("ĐẮK GLEI") == "dak glei"
    assert fold("  Nước   mắm\tPhú Quốc ") == "nuoc mam phu quoc"


def test_fold_is_the_same_for_nfc_and_nfd_input():
    text = "Mật ong hoa cà phê Đắk Lắk"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "mat ong hoa ca phe dak lak"


def test_normalize_gives_nfc_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "Chè  Shan tuyết")
    assert normalize(decomposed) == "Chè Shan tuyết"
    assert unicodedata.is_normalized("NFC", normalize(decomposed))
    assert normalize(None) == ""


def test_slug_keeps_d_from_đ():
    assert slug("Đặc sản Đà Lạt") == "dac-san-da-lat"


def test_sort_key_follows_the_vietnamese_alphabet():
    words = ["Đào", "Dương", "Ăn", "Bưởi", "An", "Ấm", "Ơn", "Ôi", "Oải", "Ư", "U"]
    assert sorted(words, key=sort_key) == [
        "An",
        "Ăn",
        "Ấm",
        "Bưởi",
        "Dương",
        "Đào",
        "Oải",
        "Ôi",
        "Ơn",
        "U",
        "Ư",
    ]


def test_sort_key_orders_tones_after_letters():
    # Same letters: no tone < huyền < sắc < hỏi < ngã < nặng.
    assert sorted(["mạ", "mã", "mả", "má", "mà", "ma"], key=sort_key) == ["ma", "mà", "má", "mả", "mã", "mạ"]
    # Letters decide before tones: "bà" < "bác" though "à" has a tone.
    assert sorted(["bác", "bà"], key=sort_key) == ["bà", "bác"]


@given(st.text())
def test_fold_is_idempotent_and_has_no_marks(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.category(ch) == "Mn" for ch in folded)
    assert "đ" not in folded


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậ ", max_size=12))
def test_sort_key_is_total_and_deterministic(text):
    assert sort_key(text) == sort_key(unicodedata.normalize("NFD", text))
