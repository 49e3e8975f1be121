# Shared by the shell tests of tests/cli (sourced; set `bin` and `work` first):
# check/run and a small valid delivery.
passed=0
failed=0

check() {  # check NAME CONDITION-COMMAND...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name" >&2
    [ -f "$work/err" ] && echo "  (last rc=${rc:-}; stderr: $(head -c 600 "$work/err"))" >&2
  fi
}

run() {  # run ARGS...: sets rc, out, err
  "$bin" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
}

persons_header=record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,municipality_of_origin
episodes_header=record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination
manifest() {  # manifest ORGANISATION [CREATED]: a manifest.json on stdout
  printf '{"format_version": 1, "region": "GM0363", "organisation": "%s", "organisation_name": "Test",\n "period": "2021H1", "created": "%s"}\n' \
    "$1" "${2:-2021-07-01T00:00:00Z}"
}
write_delivery() {  # write_delivery DIR ORGANISATION: a valid delivery of 2 persons and 2 episodes
  mkdir -p "$1"
  manifest "$2" >"$1/manifest.json"
  printf '%s\nP-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\nP-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n' \
    "$persons_header" >"$1/persons.csv"
  printf '%s\nS-1,P-1,24uursopvang,,GM0363,2021-01-10,2021-03-01,zelfstandige_woning\nS-2,P-2,nachtopvang,,GM0363,2020-12-01,,\n' \
    "$episodes_header" >"$1/service_episodes.csv"
}
