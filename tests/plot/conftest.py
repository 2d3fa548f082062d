"""Fixtures of the plot tests: a headless backend, figures closed after each test, and readers of what was drawn."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def bars():
    """``bars(ax)``: every bar patch drawn by ``barh``."""
    return lambda ax: [p for c in ax.containers if isinstance(c, BarContainer) for p in c.patches]


@pytest.fixture
def xerr_segments():
    """``xerr_segments(ax)``: (y, x_low, x_high) of every horizontal error bar, sorted by y."""

    def read(ax):
        out = []
        for c in ax.containers:
            if not isinstance(c, ErrorbarContainer):  # bars' error bars are containers of their own too
                continue
            for coll in c.lines[2]:
                for seg in coll.get_segments():
                    (x0, y0), (x1, _) = seg
                    out.append((y0, min(x0, x1), max(x0, x1)))
        return sorted(out)

    return read


@pytest.fixture
def ytick_texts():
    return lambda ax: [t.get_text() for t in ax.get_yticklabels()]


@pytest.fixture
def texts():
    return lambda ax: [t.get_text() for t in ax.texts]


@pytest.fixture
def wilson():
    """statsmodels' Wilson interval at 95%, the reference for the plots' intervals."""
    from statsmodels.stats.proportion import proportion_confint

    return lambda n, d: proportion_confint(n, d, alpha=0.05, method="wilson")


@pytest.fixture
def theme_table():
    return pd.DataFrame({
        "theme": ["treatment adherence", "personality", "family support"],
        "n_participants": [40.0, np.nan, 24.0],
        "denominator": [89, 89, 89],
    })
