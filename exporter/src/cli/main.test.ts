import { buildProgram } from './main';

describe('shadowfleet command line', () => {
  it('offers --help on every subcommand', () => {
    const program = buildProgram();
    expect(program.commands.length).toBeGreaterThan(0);
    for (const cmd of program.commands) {
      expect(cmd.helpInformation()).toContain(`Usage: shadowfleet ${cmd.name()}`);
      expect(cmd.description().length).toBeGreaterThan(10);
    }
  });
});
