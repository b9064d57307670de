import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_caches():
    """st.cache_data is process-wide: clear it so app tests do not leak into each other."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
