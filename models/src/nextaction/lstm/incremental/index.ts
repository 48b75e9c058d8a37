export { IncrementalLstm, type IncrementalLstmOptions, type SessionEvents } from './incremental-lstm';
export { LstmSessionSlab } from './session-slab';
export { LstmStepper, denseWidth, laneInputs, type LaneInputs } from './lstm-stepper';
