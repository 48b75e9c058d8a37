// progress: what a person running a CLI command sees (stderr lines by topic) and its result (stdout).
export { stderrProgress, silentProgress, printResult, type Progress, type ProgressOptions } from './progress';
