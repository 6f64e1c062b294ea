/** A value made on first use and kept for the life of the process (Lambda reuses it across invocations). */
export const once = <T>(make: () => T): (() => T) => {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
};
