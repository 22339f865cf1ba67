export { checkOptionNames, editDistance, firstUnknownName, nearestNames, unknownNameMessage } from './option-names';
export { envWholeNumber, parseWholeNumber } from './env-whole-number';
