/**
 * The interface every region style implements (LAMMPS's Region: `match(x, y, z)` with `side in|out`
 * applied, plus the extent create_atoms and create_box use).
 */
export interface Region {
  id: string;
  style: string;
  /** Bounding box (for a prism, the box before tilt). */
  lo: number[];
  hi: number[];
  /** xy xz yz of a prism, else zeros. */
  tilt: number[];
  center?: number[];
  radius?: number;
  interior: boolean;
  match(x: number, y: number, z: number): boolean;
}
