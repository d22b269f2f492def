/** The longest prompt a generation takes, in characters (after trimming): the create page counts against it. */
export const PROMPT_MAX_LENGTH = 2000;
