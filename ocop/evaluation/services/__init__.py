"""Writes of the evaluation app, one module per part of the procedure: rubrics, dossiers, councils…"""
