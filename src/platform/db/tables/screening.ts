// Door-to-door screening campaigns. (Placeholder: the capability's table types are added here.)
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScreeningTables {}
