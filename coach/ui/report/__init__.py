"""The physio's report as a PDF (``pdf.write_report``) and the History screen's dialog that makes one."""
