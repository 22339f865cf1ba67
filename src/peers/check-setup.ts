// Imported first by src/entries/setup.ts: its optional peers are checked before any of them is loaded.
import { requirePeers } from './require-peers';

requirePeers('setup');
