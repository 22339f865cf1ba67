/**
 * Redis Cluster slot of a key, computed locally so commands can be grouped into one pipeline per slot
 * before they are sent (ioredis Cluster rejects a pipeline whose keys span slots).
 */

const CRC16_TABLE: Uint16Array = buildCrc16Table();

function buildCrc16Table(): Uint16Array {
  // CRC16-XMODEM (polynomial 0x1021), the variant Redis Cluster specifies for key slots.
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i += 1) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    table[i] = crc;
  }
  return table;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc = ((crc << 8) & 0xffff) ^ (CRC16_TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0);
  }
  return crc;
}

/**
 * The part of a key Redis Cluster hashes: the text between the first `{` and the next `}` when that is
 * non-empty, otherwise the whole key (the Redis Cluster specification's rule).
 */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

/**
 * The cluster slot (0–16383) Redis assigns to `key`.
 *
 * @example keySlot('qo:t:{4bf92f3577b34da6a3ce929d0e0e4736}:s') // same slot as every other key of that trace
 */
export function keySlot(key: string): number {
  return crc16(Buffer.from(hashTagOf(key), 'utf8')) % 16384;
}
