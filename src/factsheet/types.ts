// The entry types live in the shared model (src/model), which every context imports;
// the fact-sheet tools re-export them under their old name.
export * from '../model';
