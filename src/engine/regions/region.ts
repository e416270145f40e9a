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

/** What a region style's factory gets: its own numbers already split off, and the shared rules. */
export interface RegionContext {
  id: string;
  interior: boolean;
  /** `units lattice` scale factors (1 1 1 for box units). */
  scale: [number, number, number];
  /** A number argument (the style's name goes in the error message). */
  num(w: string | undefined, what: string): number;
  /** A bound along dimension d: a number (scaled), or INF / EDGE (LAMMPS Region::extent rules). */
  bound(w: string, d: number, hi: boolean): number;
  /** An existing region by ID (for regions made of regions); `what` names the caller in the error. */
  find(id: string, what: string): Region;
}

export interface RegionStyle {
  /** Number of style arguments before the optional keywords. */
  nargs: number;
  /** When the count depends on the arguments (intersect/union: N then N IDs): the count, from the words after the style. */
  countArgs?(rest: string[]): number;
  create(args: string[], ctx: RegionContext): Region;
  /** Can create_box use it (block and prism)? */
  boxShape?: boolean;
}
