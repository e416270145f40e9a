#!/usr/bin/python3
"""Write small extended XYZ files with ASE (python3-ase) for test/io/extxyz.test.ts.

Run from the repository root:  /usr/bin/python3 scripts/make-extxyz-fixtures.py
Output: fixtures/lammps/extxyz-ase/<name>.xyz written by ase.io.write(format='extxyz'), and
<name>.json: what ASE itself reads back from that file (ase.io.read, all frames): symbols, numbers,
positions, cell, pbc, and per-atom arrays / calculator results, floats as Python repr (exact).
CI has no ASE, so the outputs are committed; the test compares our reader with ASE's reading.
"""
import json
import os

import numpy as np
from ase import Atoms
from ase.build import bulk, molecule
from ase.calculators.singlepoint import SinglePointCalculator
import ase.io

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'lammps', 'extxyz-ase')
rng = np.random.default_rng(20261126)


def describe(path):
    frames = ase.io.read(path, index=':', format='extxyz')
    out = []
    for a in frames:
        d = {
            'natoms': len(a),
            'symbols': a.get_chemical_symbols(),
            'numbers': [int(z) for z in a.numbers],
            'positions': a.positions.tolist(),
            'cell': a.cell.array.tolist(),
            'cellpar': a.cell.cellpar().tolist(),
            'scaled_positions': a.get_scaled_positions(wrap=False).tolist() if a.cell.rank == 3 else None,
            'pbc': [bool(p) for p in a.pbc],
            'arrays': {k: v.tolist() for k, v in a.arrays.items() if k not in ('positions', 'numbers')},
            'info': {k: (v.tolist() if hasattr(v, 'tolist') else v) for k, v in a.info.items()},
        }
        if a.calc is not None:
            d['results'] = {k: (v.tolist() if hasattr(v, 'tolist') else v) for k, v in a.calc.results.items()}
        out.append(d)
    with open(path[:-4] + '.json', 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


def write(name, images):
    path = os.path.join(OUT, name + '.xyz')
    ase.io.write(path, images, format='extxyz')
    describe(path)


# 1. orthogonal fcc Cu 2x2x2 conventional cells (32 atoms), rattled, with velocities (momenta),
#    forces and energy from a single-point calculator
cu = bulk('Cu', 'fcc', a=3.615, cubic=True).repeat((2, 2, 2))
cu.rattle(stdev=0.05, seed=7)
cu.set_velocities(rng.normal(0, 0.01, (len(cu), 3)))
cu.calc = SinglePointCalculator(cu, energy=-112.25, forces=rng.normal(0, 0.3, (len(cu), 3)))
write('cu-fcc-orthogonal', cu)

# 2. a cell already in LAMMPS orientation (a along x, b in xy), Li bcc-like, with charges and an
#    integer per-atom array named StructureType (as OVITO's CNA writes it)
cell = [[7.02, 0.0, 0.0], [1.3, 6.8, 0.0], [-0.9, 0.7, 6.6]]
li = Atoms('Li16', scaled_positions=rng.random((16, 3)), cell=cell, pbc=[True, True, False])
li.set_initial_charges(rng.normal(0, 0.2, 16))
li.new_array('StructureType', rng.integers(0, 4, 16).astype(int))
write('li-lammps-triclinic', li)

# 3. general lattice: the fcc primitive cell (a = (0, a/2, a/2), ...), 2 species
nacl = bulk('NaCl', 'rocksalt', a=5.64)
write('nacl-primitive-general', nacl)

# 4. a 3-frame trajectory of a molecule without cell (pbc F F F)
h2o = molecule('H2O')
traj = []
for k in range(3):
    m = h2o.copy()
    m.positions += rng.normal(0, 0.02, m.positions.shape)
    m.info['step'] = k
    traj.append(m)
write('h2o-nocell-traj', traj)
