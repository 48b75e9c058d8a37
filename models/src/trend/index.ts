// trend: filled in by its issue; re-exported from ../index.ts
export {};
