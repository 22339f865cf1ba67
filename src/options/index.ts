export { checkOptionNames, editDistance, firstUnknownName, nearestNames, unknownNameMessage } from './option-names';
