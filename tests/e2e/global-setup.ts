export { default } from '../../tools/stack/vitest-setup';
