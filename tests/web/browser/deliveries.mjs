// Deliveries for the browser tests of uploading (delivery_upload, keyboard_forms): the
// issue's sloppy first delivery of GM0363 / KVK-1 for 2021H1 and its corrected version.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Writes the files into a folder and zips them (Debian's zip, from scripts/install-deps).
export function zipOf(dir, name, files) {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content);
  const zip = join(dir, name + '.zip');
  execFileSync('zip', ['-q', '-j', '-X', zip, ...Object.keys(files).map((f) => join(folder, f))]);
  return zip;
}

const manifest = (created) =>
  `{"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "period": "2021H1", "created": "${created}"}`;

export const sloppy = {
  'manifest.json': manifest('2021-07-01 06:00'),
  'persons.csv':
    'record_id;bsn;initials;birth_date;birth_year_month;gender;nationality_group;household;municipality_of_origin;notitie\r\n' +
    'P-1;123456789;;14-07-1992;1992-07;Man;NL;alleenstaand;Amsterdam;eerste\r\n' +
    'P-2;;J.P.;1985-02-03;1985-02;V;EU;paar;;\r\n',
  'service_episodes.csv':
    'record_id;person_id;service_type;facility_id;municipality;start_date;end_date;exit_destination\r\n' +
    'S-1;P-1;Nachtopvang;;Amsterdam;2021-01-10;;\r\n',
};

export const corrected = {
  'manifest.json': manifest('2021-09-01T06:00:00+02:00'),  // three weeks after the deadline
  'persons.csv':
    'record_id;bsn;initials;birth_date;birth_year_month;gender;nationality_group;household;municipality_of_origin\r\n' +
    'P-1;111222333;;1992-07-14;1992-07;M;NL;alleenstaand;GM0363\r\n' +
    'P-2;;J.P.;1985-02-03;1985-02;V;EU;paar;\r\n',
  'service_episodes.csv':
    'record_id;person_id;service_type;facility_id;municipality;start_date;end_date;exit_destination\r\n' +
    'S-1;P-1;nachtopvang;;GM0363;2021-01-10;;\r\n',
};
