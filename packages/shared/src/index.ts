export * from './enums';
export * from './dates';
export * from './id-number';
export * from './uscc';
export * from './settings';
export * from './terms';
export * from './structure';
export * from './names';
