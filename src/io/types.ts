/**
 * The one in-memory shape every atom-carrying format converts through.
 *
 * Columns use LAMMPS dump names (`id type mol q x y z xs ys zs xu yu zu ix iy iz vx vy vz fx fy fz
 * element mass c_pe ...`). Numeric columns are Float64Array (ids and types fit exactly below
 * 2^53); text columns (`element`, extxyz `species`) are string[]. Column order is the order of
 * the file; `columns` is a Map so that order is kept.
 */

/** Per-dimension boundary as LAMMPS writes it: 'pp', 'ff', 'ss', 'mm', 'fs', 'fm', ... */
export type BoundaryPair = string;

/**
 * A LAMMPS simulation box: lo/hi are LAMMPS's xlo..zhi (for a triclinic box these are the
 * parallelepiped's lo/hi, not the bounding box that dumps print), tilt = [xy, xz, yz] or null.
 */
export interface Box {
  lo: [number, number, number];
  hi: [number, number, number];
  tilt: [number, number, number] | null;
  boundary: [BoundaryPair, BoundaryPair, BoundaryPair];
  /**
   * A general triclinic box (LAMMPS >= 2024: data files with `avec bvec cvec abc origin`, dumps
   * with `ITEM: BOX BOUNDS abc origin`): the edge vectors and origin as the file gave them.
   * lo/hi/tilt describe the same box rotated into LAMMPS's restricted form, and, as in LAMMPS,
   * positions and vectors in the frame are in that restricted frame: readers rotate them in and
   * writers of general output rotate them back (src/io/general-triclinic.ts).
   */
  general?: GeneralTriclinic;
}

export type Vec3 = [number, number, number];

export interface GeneralTriclinic {
  avec: Vec3;
  bvec: Vec3;
  cvec: Vec3;
  origin: Vec3;
}

export type Column = Float64Array | string[];

export interface AtomFrame {
  /** Timestep (dump ITEM: TIMESTEP; data file header `timestep = N`), if known. */
  timestep?: number;
  /** Simulated time (dump ITEM: TIME), if known. */
  time?: number;
  /** LAMMPS unit style (dump ITEM: UNITS), if known. */
  units?: string;
  natoms: number;
  box: Box;
  columns: Map<string, Column>;
  /** Atom type labels (LAMMPS >= 2023 `labelmap atom`): label of type t at index t-1, if known. */
  typeLabels?: string[];
  /**
   * The atom lines as the file had them (readers give it when asked with `keepText`): writers copy
   * a column's tokens instead of formatting its numbers while the column is still the array the
   * reader made, holding the values it read (text/row-writer.ts checks both, bit for bit).
   */
  text?: FrameText;
}

export interface FrameText {
  /** Atom lines of the frame in file order, one per atom, each ending in '\n'. */
  bytes: Uint8Array;
  /** Number of whitespace-separated tokens per line (the file's column count). */
  ntok: number;
  /** Per file column: the array the reader returned (null for a column it skipped). */
  columns: Array<Column | null>;
  /** Per file column: a copy of the numbers read, to see whether a writer's column was changed. */
  read: Array<Float64Array | null>;
}
