// The source of onderdak_test_pch (tests/CMakeLists.txt): the target exists to build the
// precompiled header that every test executable reuses; it has no code of its own.
