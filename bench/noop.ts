/**
 * The start-up benchmark's baseline: node with the tsx loader running a
 * TypeScript file that does nothing but say it is running.
 */
process.stdout.write("ready\n");
