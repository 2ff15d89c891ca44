export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      entity_00: {
        Row: {
          col_0: number
          col_1: boolean
          col_2: number | null
          col_3: string | null
          col_4: string
          col_5: string
          col_6: number
          id: number
        }
        Insert: {
          col_0: number
          col_1?: boolean
          col_2?: number | null
          col_3?: string | null
          col_4: string
          col_5: string
          col_6: number
          id?: number
        }
        Update: {
          col_0?: number
          col_1?: boolean
          col_2?: number | null
          col_3?: string | null
          col_4?: string
          col_5?: string
          col_6?: number
          id?: number
        }
        Relationships: []
      }
      entity_01: {
        Row: {
          col_0: string[]
          col_1: number | null
          col_2: unknown
          col_3: number | null
          col_4: boolean | null
          col_5: string | null
          entity_00_id: number | null
          id: number
        }
        Insert: {
          col_0: string[]
          col_1?: number | null
          col_2?: unknown
          col_3?: number | null
          col_4?: boolean | null
          col_5?: string | null
          entity_00_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string[]
          col_1?: number | null
          col_2?: unknown
          col_3?: number | null
          col_4?: boolean | null
          col_5?: string | null
          entity_00_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_01_entity_00_id_fkey"
            columns: ["entity_00_id"]
            isOneToOne: false
            referencedRelation: "entity_00"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "entity_01_entity_00_id_fkey"
            columns: ["entity_00_id"]
            isOneToOne: false
            referencedRelation: "entity_summary"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_02: {
        Row: {
          col_0: boolean
          col_1: string
          col_2: string
          col_3: string | null
          id: number
        }
        Insert: {
          col_0?: boolean
          col_1?: string
          col_2: string
          col_3?: string | null
          id?: number
        }
        Update: {
          col_0?: boolean
          col_1?: string
          col_2?: string
          col_3?: string | null
          id?: number
        }
        Relationships: []
      }
      entity_03: {
        Row: {
          col_0: Json | null
          col_1: string
          col_2: boolean | null
          col_3: string[] | null
          col_4: string | null
          col_5: unknown
          col_6: string
          entity_00_id: number | null
          id: number
          state: Database["public"]["Enums"]["state"]
        }
        Insert: {
          col_0?: Json | null
          col_1: string
          col_2?: boolean | null
          col_3?: string[] | null
          col_4?: string | null
          col_5: unknown
          col_6: string
          entity_00_id?: number | null
          id?: number
          state?: Database["public"]["Enums"]["state"]
        }
        Update: {
          col_0?: Json | null
          col_1?: string
          col_2?: boolean | null
          col_3?: string[] | null
          col_4?: string | null
          col_5?: unknown
          col_6?: string
          entity_00_id?: number | null
          id?: number
          state?: Database["public"]["Enums"]["state"]
        }
        Relationships: [
          {
            foreignKeyName: "entity_03_entity_00_id_fkey"
            columns: ["entity_00_id"]
            isOneToOne: false
            referencedRelation: "entity_00"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "entity_03_entity_00_id_fkey"
            columns: ["entity_00_id"]
            isOneToOne: false
            referencedRelation: "entity_summary"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_04: {
        Row: {
          col_0: number
          col_1: Json | null
          col_2: string
          entity_02_id: number | null
          id: number
        }
        Insert: {
          col_0: number
          col_1?: Json | null
          col_2?: string
          entity_02_id?: number | null
          id?: number
        }
        Update: {
          col_0?: number
          col_1?: Json | null
          col_2?: string
          entity_02_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_04_entity_02_id_fkey"
            columns: ["entity_02_id"]
            isOneToOne: false
            referencedRelation: "entity_02"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_05: {
        Row: {
          col_0: string | null
          col_1: string[] | null
          col_2: string | null
          col_3: number | null
          col_4: boolean | null
          col_5: string | null
          col_6: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1?: string[] | null
          col_2?: string | null
          col_3?: number | null
          col_4?: boolean | null
          col_5?: string | null
          col_6?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string[] | null
          col_2?: string | null
          col_3?: number | null
          col_4?: boolean | null
          col_5?: string | null
          col_6?: number | null
          id?: number
        }
        Relationships: []
      }
      entity_06: {
        Row: {
          col_0: number | null
          col_1: string | null
          entity_04_id: number | null
          id: number
        }
        Insert: {
          col_0?: number | null
          col_1?: string | null
          entity_04_id?: number | null
          id?: number
        }
        Update: {
          col_0?: number | null
          col_1?: string | null
          entity_04_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_06_entity_04_id_fkey"
            columns: ["entity_04_id"]
            isOneToOne: false
            referencedRelation: "entity_04"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_07: {
        Row: {
          col_0: string
          col_1: NonNullable<Json>
          col_2: string | null
          col_3: boolean
          col_4: unknown
          col_5: boolean | null
          col_6: string | null
          entity_01_id: number | null
          id: number
        }
        Insert: {
          col_0?: string
          col_1: NonNullable<Json>
          col_2?: string | null
          col_3?: boolean
          col_4?: unknown
          col_5?: boolean | null
          col_6?: string | null
          entity_01_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string
          col_1?: NonNullable<Json>
          col_2?: string | null
          col_3?: boolean
          col_4?: unknown
          col_5?: boolean | null
          col_6?: string | null
          entity_01_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_07_entity_01_id_fkey"
            columns: ["entity_01_id"]
            isOneToOne: false
            referencedRelation: "entity_01"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_08: {
        Row: {
          col_0: string | null
          col_1: string | null
          col_2: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1?: string | null
          col_2?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string | null
          col_2?: number | null
          id?: number
        }
        Relationships: []
      }
      entity_09: {
        Row: {
          col_0: string[]
          col_1: string | null
          col_2: Json | null
          col_3: string | null
          col_4: string | null
          entity_08_id: number | null
          id: number
        }
        Insert: {
          col_0: string[]
          col_1?: string | null
          col_2?: Json | null
          col_3?: string | null
          col_4?: string | null
          entity_08_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string[]
          col_1?: string | null
          col_2?: Json | null
          col_3?: string | null
          col_4?: string | null
          entity_08_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_09_entity_08_id_fkey"
            columns: ["entity_08_id"]
            isOneToOne: false
            referencedRelation: "entity_08"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_10: {
        Row: {
          col_0: string
          col_1: boolean | null
          col_2: NonNullable<Json>
          col_3: unknown
          entity_08_id: number | null
          id: number
        }
        Insert: {
          col_0: string
          col_1?: boolean | null
          col_2: NonNullable<Json>
          col_3?: unknown
          entity_08_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string
          col_1?: boolean | null
          col_2?: NonNullable<Json>
          col_3?: unknown
          entity_08_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_10_entity_08_id_fkey"
            columns: ["entity_08_id"]
            isOneToOne: false
            referencedRelation: "entity_08"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_11: {
        Row: {
          col_0: string | null
          col_1: string
          col_2: string | null
          entity_05_id: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: string
          col_2?: string | null
          entity_05_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string
          col_2?: string | null
          entity_05_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_11_entity_05_id_fkey"
            columns: ["entity_05_id"]
            isOneToOne: false
            referencedRelation: "entity_05"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_12: {
        Row: {
          col_0: string | null
          col_1: string | null
          col_2: string[]
          entity_05_id: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1?: string | null
          col_2: string[]
          entity_05_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string | null
          col_2?: string[]
          entity_05_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_12_entity_05_id_fkey"
            columns: ["entity_05_id"]
            isOneToOne: false
            referencedRelation: "entity_05"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_13: {
        Row: {
          col_0: number
          col_1: string[] | null
          col_2: number | null
          col_3: number | null
          entity_02_id: number | null
          id: number
        }
        Insert: {
          col_0: number
          col_1?: string[] | null
          col_2?: number | null
          col_3?: number | null
          entity_02_id?: number | null
          id?: number
        }
        Update: {
          col_0?: number
          col_1?: string[] | null
          col_2?: number | null
          col_3?: number | null
          entity_02_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_13_entity_02_id_fkey"
            columns: ["entity_02_id"]
            isOneToOne: false
            referencedRelation: "entity_02"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_14: {
        Row: {
          col_0: string | null
          col_1: string
          col_2: string | null
          entity_03_id: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: string
          col_2?: string | null
          entity_03_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string
          col_2?: string | null
          entity_03_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_14_entity_03_id_fkey"
            columns: ["entity_03_id"]
            isOneToOne: false
            referencedRelation: "entity_03"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_15: {
        Row: {
          col_0: unknown
          col_1: unknown
          col_2: string | null
          col_3: Json | null
          col_4: NonNullable<Json>
          col_5: number
          entity_08_id: number | null
          id: number
        }
        Insert: {
          col_0?: unknown
          col_1: unknown
          col_2?: string | null
          col_3?: Json | null
          col_4: NonNullable<Json>
          col_5: number
          entity_08_id?: number | null
          id?: number
        }
        Update: {
          col_0?: unknown
          col_1?: unknown
          col_2?: string | null
          col_3?: Json | null
          col_4?: NonNullable<Json>
          col_5?: number
          entity_08_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_15_entity_08_id_fkey"
            columns: ["entity_08_id"]
            isOneToOne: false
            referencedRelation: "entity_08"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_16: {
        Row: {
          col_0: string[]
          col_1: number | null
          col_2: string
          id: number
        }
        Insert: {
          col_0: string[]
          col_1?: number | null
          col_2: string
          id?: number
        }
        Update: {
          col_0?: string[]
          col_1?: number | null
          col_2?: string
          id?: number
        }
        Relationships: []
      }
      entity_17: {
        Row: {
          col_0: number | null
          col_1: boolean | null
          col_2: number | null
          col_3: unknown
          entity_15_id: number | null
          id: number
        }
        Insert: {
          col_0?: number | null
          col_1?: boolean | null
          col_2?: number | null
          col_3?: unknown
          entity_15_id?: number | null
          id?: number
        }
        Update: {
          col_0?: number | null
          col_1?: boolean | null
          col_2?: number | null
          col_3?: unknown
          entity_15_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_17_entity_15_id_fkey"
            columns: ["entity_15_id"]
            isOneToOne: false
            referencedRelation: "entity_15"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_18: {
        Row: {
          col_0: Json | null
          col_1: number
          col_2: string | null
          entity_14_id: number | null
          id: number
        }
        Insert: {
          col_0?: Json | null
          col_1: number
          col_2?: string | null
          entity_14_id?: number | null
          id?: number
        }
        Update: {
          col_0?: Json | null
          col_1?: number
          col_2?: string | null
          entity_14_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_18_entity_14_id_fkey"
            columns: ["entity_14_id"]
            isOneToOne: false
            referencedRelation: "entity_14"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_19: {
        Row: {
          col_0: string | null
          col_1: string
          col_2: string | null
          col_3: number
          col_4: number | null
          col_5: number | null
          col_6: boolean | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: string
          col_2?: string | null
          col_3: number
          col_4?: number | null
          col_5?: number | null
          col_6?: boolean | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string
          col_2?: string | null
          col_3?: number
          col_4?: number | null
          col_5?: number | null
          col_6?: boolean | null
          id?: number
        }
        Relationships: []
      }
      entity_20: {
        Row: {
          col_0: Json | null
          col_1: string
          id: number
        }
        Insert: {
          col_0?: Json | null
          col_1: string
          id?: number
        }
        Update: {
          col_0?: Json | null
          col_1?: string
          id?: number
        }
        Relationships: []
      }
      entity_21: {
        Row: {
          col_0: string | null
          col_1: number
          col_2: Json | null
          col_3: string | null
          col_4: number
          col_5: string
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: number
          col_2?: Json | null
          col_3?: string | null
          col_4: number
          col_5: string
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: number
          col_2?: Json | null
          col_3?: string | null
          col_4?: number
          col_5?: string
          id?: number
        }
        Relationships: []
      }
      entity_22: {
        Row: {
          col_0: boolean | null
          col_1: unknown
          col_2: string | null
          col_3: NonNullable<Json>
          col_4: boolean
          entity_17_id: number | null
          id: number
        }
        Insert: {
          col_0?: boolean | null
          col_1?: unknown
          col_2?: string | null
          col_3: NonNullable<Json>
          col_4?: boolean
          entity_17_id?: number | null
          id?: number
        }
        Update: {
          col_0?: boolean | null
          col_1?: unknown
          col_2?: string | null
          col_3?: NonNullable<Json>
          col_4?: boolean
          entity_17_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_22_entity_17_id_fkey"
            columns: ["entity_17_id"]
            isOneToOne: false
            referencedRelation: "entity_17"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_23: {
        Row: {
          col_0: unknown
          col_1: string | null
          entity_16_id: number | null
          id: number
        }
        Insert: {
          col_0: unknown
          col_1?: string | null
          entity_16_id?: number | null
          id?: number
        }
        Update: {
          col_0?: unknown
          col_1?: string | null
          entity_16_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_23_entity_16_id_fkey"
            columns: ["entity_16_id"]
            isOneToOne: false
            referencedRelation: "entity_16"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_24: {
        Row: {
          col_0: string | null
          col_1: number | null
          col_2: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1?: number | null
          col_2?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: number | null
          col_2?: number | null
          id?: number
        }
        Relationships: []
      }
      entity_25: {
        Row: {
          col_0: string
          col_1: string[]
          col_2: string[]
          entity_21_id: number | null
          id: number
        }
        Insert: {
          col_0: string
          col_1: string[]
          col_2: string[]
          entity_21_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string
          col_1?: string[]
          col_2?: string[]
          entity_21_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_25_entity_21_id_fkey"
            columns: ["entity_21_id"]
            isOneToOne: false
            referencedRelation: "entity_21"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_26: {
        Row: {
          col_0: string[] | null
          col_1: boolean
          col_2: unknown
          col_3: boolean
          col_4: string | null
          col_5: NonNullable<Json>
          id: number
        }
        Insert: {
          col_0?: string[] | null
          col_1?: boolean
          col_2: unknown
          col_3?: boolean
          col_4?: string | null
          col_5: NonNullable<Json>
          id?: number
        }
        Update: {
          col_0?: string[] | null
          col_1?: boolean
          col_2?: unknown
          col_3?: boolean
          col_4?: string | null
          col_5?: NonNullable<Json>
          id?: number
        }
        Relationships: []
      }
      entity_27: {
        Row: {
          col_0: string | null
          col_1: string[] | null
          entity_06_id: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1?: string[] | null
          entity_06_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string[] | null
          entity_06_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_27_entity_06_id_fkey"
            columns: ["entity_06_id"]
            isOneToOne: false
            referencedRelation: "entity_06"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_28: {
        Row: {
          col_0: boolean
          col_1: string | null
          col_2: number
          col_3: number | null
          col_4: string | null
          col_5: string[] | null
          id: number
        }
        Insert: {
          col_0?: boolean
          col_1?: string | null
          col_2: number
          col_3?: number | null
          col_4?: string | null
          col_5?: string[] | null
          id?: number
        }
        Update: {
          col_0?: boolean
          col_1?: string | null
          col_2?: number
          col_3?: number | null
          col_4?: string | null
          col_5?: string[] | null
          id?: number
        }
        Relationships: []
      }
      entity_29: {
        Row: {
          col_0: string | null
          col_1: string
          col_2: string
          col_3: number
          col_4: number | null
          col_5: number
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: string
          col_2: string
          col_3: number
          col_4?: number | null
          col_5: number
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string
          col_2?: string
          col_3?: number
          col_4?: number | null
          col_5?: number
          id?: number
        }
        Relationships: []
      }
      entity_30: {
        Row: {
          col_0: string
          col_1: string | null
          col_2: string | null
          col_3: string
          col_4: string | null
          col_5: string
          col_6: number | null
          entity_23_id: number | null
          id: number
        }
        Insert: {
          col_0?: string
          col_1?: string | null
          col_2?: string | null
          col_3: string
          col_4?: string | null
          col_5: string
          col_6?: number | null
          entity_23_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string
          col_1?: string | null
          col_2?: string | null
          col_3?: string
          col_4?: string | null
          col_5?: string
          col_6?: number | null
          entity_23_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_30_entity_23_id_fkey"
            columns: ["entity_23_id"]
            isOneToOne: false
            referencedRelation: "entity_23"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_31: {
        Row: {
          col_0: string | null
          col_1: string
          col_2: number | null
          col_3: unknown
          col_4: string
          entity_17_id: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: string
          col_2?: number | null
          col_3?: unknown
          col_4: string
          entity_17_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string
          col_2?: number | null
          col_3?: unknown
          col_4?: string
          entity_17_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_31_entity_17_id_fkey"
            columns: ["entity_17_id"]
            isOneToOne: false
            referencedRelation: "entity_17"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_32: {
        Row: {
          col_0: string
          col_1: boolean
          col_2: string | null
          entity_15_id: number | null
          id: number
        }
        Insert: {
          col_0: string
          col_1?: boolean
          col_2?: string | null
          entity_15_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string
          col_1?: boolean
          col_2?: string | null
          entity_15_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_32_entity_15_id_fkey"
            columns: ["entity_15_id"]
            isOneToOne: false
            referencedRelation: "entity_15"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_33: {
        Row: {
          col_0: number
          col_1: string | null
          col_2: string | null
          col_3: unknown
          col_4: number | null
          col_5: number | null
          col_6: string
          id: number
        }
        Insert: {
          col_0: number
          col_1?: string | null
          col_2?: string | null
          col_3: unknown
          col_4?: number | null
          col_5?: number | null
          col_6: string
          id?: number
        }
        Update: {
          col_0?: number
          col_1?: string | null
          col_2?: string | null
          col_3?: unknown
          col_4?: number | null
          col_5?: number | null
          col_6?: string
          id?: number
        }
        Relationships: []
      }
      entity_34: {
        Row: {
          col_0: string | null
          col_1: number
          col_2: unknown
          col_3: string | null
          col_4: number
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: number
          col_2: unknown
          col_3?: string | null
          col_4: number
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: number
          col_2?: unknown
          col_3?: string | null
          col_4?: number
          id?: number
        }
        Relationships: []
      }
      entity_35: {
        Row: {
          col_0: boolean | null
          col_1: number
          col_2: string
          col_3: string
          entity_17_id: number | null
          id: number
        }
        Insert: {
          col_0?: boolean | null
          col_1: number
          col_2: string
          col_3?: string
          entity_17_id?: number | null
          id?: number
        }
        Update: {
          col_0?: boolean | null
          col_1?: number
          col_2?: string
          col_3?: string
          entity_17_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_35_entity_17_id_fkey"
            columns: ["entity_17_id"]
            isOneToOne: false
            referencedRelation: "entity_17"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_36: {
        Row: {
          col_0: string | null
          col_1: string | null
          col_2: string
          col_3: string
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1?: string | null
          col_2: string
          col_3: string
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string | null
          col_2?: string
          col_3?: string
          id?: number
        }
        Relationships: []
      }
      entity_37: {
        Row: {
          col_0: string[] | null
          col_1: boolean
          col_2: string[] | null
          id: number
        }
        Insert: {
          col_0?: string[] | null
          col_1?: boolean
          col_2?: string[] | null
          id?: number
        }
        Update: {
          col_0?: string[] | null
          col_1?: boolean
          col_2?: string[] | null
          id?: number
        }
        Relationships: []
      }
      entity_38: {
        Row: {
          col_0: string | null
          col_1: string
          col_2: string[]
          col_3: string | null
          entity_34_id: number | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: string
          col_2: string[]
          col_3?: string | null
          entity_34_id?: number | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string
          col_2?: string[]
          col_3?: string | null
          entity_34_id?: number | null
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "entity_38_entity_34_id_fkey"
            columns: ["entity_34_id"]
            isOneToOne: false
            referencedRelation: "entity_34"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_39: {
        Row: {
          col_0: unknown
          col_1: unknown
          col_2: string | null
          col_3: string | null
          col_4: string[]
          col_5: number | null
          col_6: boolean | null
          id: number
        }
        Insert: {
          col_0?: unknown
          col_1?: unknown
          col_2?: string | null
          col_3?: string | null
          col_4: string[]
          col_5?: number | null
          col_6?: boolean | null
          id?: number
        }
        Update: {
          col_0?: unknown
          col_1?: unknown
          col_2?: string | null
          col_3?: string | null
          col_4?: string[]
          col_5?: number | null
          col_6?: boolean | null
          id?: number
        }
        Relationships: []
      }
      entity_40: {
        Row: {
          col_0: string | null
          col_1: string
          col_2: string | null
          col_3: string | null
          id: number
        }
        Insert: {
          col_0?: string | null
          col_1: string
          col_2?: string | null
          col_3?: string | null
          id?: number
        }
        Update: {
          col_0?: string | null
          col_1?: string
          col_2?: string | null
          col_3?: string | null
          id?: number
        }
        Relationships: []
      }
      entity_41: {
        Row: {
          col_0: string[]
          col_1: string | null
          col_2: boolean
          col_3: string | null
          col_4: string[] | null
          col_5: Json | null
          id: number
        }
        Insert: {
          col_0: string[]
          col_1?: string | null
          col_2?: boolean
          col_3?: string | null
          col_4?: string[] | null
          col_5?: Json | null
          id?: number
        }
        Update: {
          col_0?: string[]
          col_1?: string | null
          col_2?: boolean
          col_3?: string | null
          col_4?: string[] | null
          col_5?: Json | null
          id?: number
        }
        Relationships: []
      }
    }
    Views: {
      entity_counts: {
        Row: {
          n: number | null
        }
        Relationships: []
      }
      entity_summary: {
        Row: {
          col_0: number | null
          id: number | null
        }
        Insert: {
          col_0?: number | null
          id?: number | null
        }
        Update: {
          col_0?: number | null
          id?: number | null
        }
        Relationships: []
      }
    }
    Functions: {
      entity_names: {
        Args: Record<PropertyKey, never>
        Returns: {
          col_0: boolean
          col_1: string
          col_2: string
          col_3: string | null
          id: number
        }[]
        SetofOptions: {
          from: "*"
          to: "entity_02"
          isOneToOne: false
          isSetofReturn: true
        }
      }
    }
    Enums: {
      state: "draft" | "live" | "archived"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      state: ["draft", "live", "archived"],
    },
  },
} as const
