/** IP address parsing for the `ip` detector; regexes only find candidates, these decide. */

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/**
 * True for a dotted-quad IPv4 address.
 * @example
 * isIPv4('192.168.0.1') // true
 */
export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/**
 * True for an IPv6 address in full, compressed (`::`) or IPv4-embedded (`::ffff:10.0.0.1`) form.
 * Times (`12:30:45`) and MAC addresses (`00:1a:2b:3c:4d:5e`) fail because they have too few groups and no `::`.
 * @example
 * isIPv6('2001:db8::1') // true
 */
export function isIPv6(text: string): boolean {
  let groupsText = text;
  let embedded = 0;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    groupsText = text.slice(0, lastColon + 1) + '0';
    embedded = 1; // an embedded IPv4 takes two groups; '0' stands for one of them
  }
  const halves = groupsText.split('::');
  if (halves.length > 2) return false;
  let count = embedded;
  for (const half of halves) {
    if (half === '') continue;
    for (const group of half.split(':')) {
      if (!HEX_GROUP.test(group)) return false;
      count++;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}
