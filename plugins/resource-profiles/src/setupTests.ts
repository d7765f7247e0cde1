import '@testing-library/jest-dom';

// The component tests type, click and open menus like a person: on a busy two-core machine
// that takes longer than Jest's default five seconds per test.
jest.setTimeout(30_000);
