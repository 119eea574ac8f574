"""Dashboard pages (run by st.navigation in dashboard/streamlit_app.py); common.py holds what they share."""
