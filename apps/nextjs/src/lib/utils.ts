import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/** Class names joined, later Tailwind utilities winning over earlier ones of the same property. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
