// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no canvas; the scaffold's getContext returns undefined, but Grafana's Combobox (the pool
// picker) measures its option labels with a 2D context: give it one that measures 7 px per character.
HTMLCanvasElement.prototype.getContext = () => ({ measureText: (text) => ({ width: String(text).length * 7 }), font: '' });
