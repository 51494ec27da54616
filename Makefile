# iid-analysis — two commands: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report test lab bench sample clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(PY) -c "import json,sys,pathlib; p=pathlib.Path(sys.prefix,'share/jupyter/kernels/python3/kernel.json'); k=json.loads(p.read_text()); k['argv']=[a for a in k['argv'] if not a.startswith('--IPKernelApp.log_level')]+['--IPKernelApp.log_level=ERROR']; p.write_text(json.dumps(k, indent=1))"
	touch $(STAMP)

## The main job: every edition's report from the bundled data → reports/
report: $(STAMP)
	$(VENV)/bin/iid-analysis report --all --jobs 2 --data data/sample --out reports
	@echo "Laporan tersedia di: reports/index.html (PDF laporan IGA: reports/<tahun>/03_iga_report.pdf bila Chromium terpasang)"

## Lint and the whole test suite (unit, property, notebooks, rendered pages)
test: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/python -m pytest
	$(PY) tests/nbval_prepare.py build/nbval
	$(PY) -m pytest --nbval-lax --nbval-current-env build/nbval

lab: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,dev]"
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP)
	$(PY) -m bench

sample: $(STAMP)
	$(VENV)/bin/iid-analysis sample --out data/sample --seed 2021

clean:
	rm -rf $(VENV) build reports/*/ reports/index.html
