export { editDistance, firstUnknownName, nearestNames, unknownNameMessage } from './option-names';
